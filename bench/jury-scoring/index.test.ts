import { describe, expect, it } from "vitest";
import { run } from "./index";

describe("bench/jury-scoring", () => {
  it("15 jurors save concurrently; every save lands", async () => {
    const r = await run({ rounds: 3 });
    console.info(`[bench] ${JSON.stringify(r)}`);
    expect(r.saves).toBe(45);
    expect(r.p95Ms).toBeGreaterThan(0);
  });
});
