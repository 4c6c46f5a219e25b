import { describe, expect, it } from "vitest";
import { run } from "./index";

// A harness check, not a timed test: the 200 ms goal is measured by the
// benchmark on a quiet machine (bench/README.md), never asserted in CI.
describe("bench/jury-ranking", () => {
  it("ranks 1 000 dossiers × 50 jurors × 4 criteria and reports measured figures", async () => {
    const r = await run({ iterations: 2 });
    expect(r.scores).toBeGreaterThan(180_000);
    expect(Number.isFinite(r.p95Ms) && r.p95Ms > 0).toBe(true);
    expect(r.budgetMs).toBe(200);
  });
});
