import { describe, expect, it } from "vitest";
import { band, draftFeedback } from "./feedback";

describe("draftFeedback", () => {
  it("gives bands, shareable remarks and the decision, never raw scores", () => {
    const text = draftFeedback({
      title: "Projet A",
      criteria: [
        { label: "Bénéfices", mean: 4.5 },
        { label: "Pérennité", mean: 1.5 },
        { label: "Budget", mean: null },
      ],
      scaleMax: 5,
      shareable: ["Très bonne audition.", "  "],
      decision: "LAUREATE",
      grantedCents: 12_000_000n,
    });
    expect(text).toContain("cofinancement de 120\u202f000\u00a0€");
    expect(text).toContain("- Bénéfices : très satisfaisant");
    expect(text).toContain("- Pérennité : insuffisant");
    expect(text).toContain("- Budget : non évalué");
    expect(text).toContain("- Très bonne audition.");
    expect(text).not.toMatch(/4,5|4\.5/);
  });

  it("bands by share of the scale", () => {
    expect([5, 3, 2, 1.9].map((m) => band(m, 5))).toEqual(["très satisfaisant", "satisfaisant", "à consolider", "insuffisant"]);
  });
});
