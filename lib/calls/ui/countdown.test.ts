import { describe, expect, it } from "vitest";
import { remainingText } from "./countdown";

describe("countdown text", () => {
  it("speaks French with days, hours and minutes", () => {
    expect(remainingText(((3 * 24 + 4) * 60 + 12) * 60_000 + 5000)).toBe("Il reste 3 jours, 4 heures et 12 minutes.");
    expect(remainingText((1 * 60 + 1) * 60_000)).toBe("Il reste 1 heure et 1 minute.");
    expect(remainingText(2 * 60_000 + 30_000)).toBe("Il reste 2 minutes et 30 secondes.");
    expect(remainingText(0)).toBe("La date limite est passée.");
  });
});
