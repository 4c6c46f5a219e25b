import { describe, expect, it } from "vitest";
import { run } from "./index";

describe("bench/jury-ranking", () => {
  it("ranks 1 000 dossiers × 50 jurors × 4 criteria within the 200 ms budget", async () => {
    const r = await run({ iterations: 5 });
    expect(r.scores).toBeGreaterThan(180_000);
    expect(r.p95Ms).toBeLessThan(r.budgetMs);
  });
});
