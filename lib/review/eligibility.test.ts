import { describe, expect, it } from "vitest";
import { canTick, evaluateEligibility, type EligibilityFacts } from "./eligibility";

const base: EligibilityFacts = {
  administrationKind: "CENTRAL",
  requestedCents: 50_000_00n,
  totalCostCents: 100_000_00n,
  content: {},
  call: { maxRequestedCents: 100_000_00n, minRequestedCents: null, maxRateBps: null },
};

describe("eligibility checklist", () => {
  it("computes what it can and leaves the rest to staff", () => {
    const e = evaluateEligibility(base, new Map());
    const byKey = Object.fromEntries(e.items.map((i) => [i.key, i]));
    expect(byKey["public-administration"]).toMatchObject({ met: true, source: "computed" });
    expect(byKey["amount-within-rules"]).toMatchObject({ met: true, source: "computed" });
    // An imported dossier has no form content: completeness is ticked by staff.
    expect(byKey["complete-file"]).toMatchObject({ met: null, source: "pending" });
    expect(e.overall).toBe("TO_CHECK");
    expect(canTick("complete-file", base)).toBe(true);
    expect(canTick("public-administration", base)).toBe(false);
  });

  it("is eligible once every item is met, not eligible as soon as one fails", () => {
    const ticks = new Map([
      ["complete-file", true],
      ["data-project", true],
      ["cofunding-confirmed", true],
    ]);
    expect(evaluateEligibility(base, ticks).overall).toBe("ELIGIBLE");
    expect(evaluateEligibility({ ...base, requestedCents: 150_000_00n, totalCostCents: 300_000_00n }, ticks).overall).toBe("NOT_ELIGIBLE");
    expect(evaluateEligibility({ ...base, administrationKind: "LOCAL_AUTHORITY" }, ticks).overall).toBe("NOT_ELIGIBLE");
    expect(evaluateEligibility(base, new Map([...ticks, ["data-project", false]])).overall).toBe("NOT_ELIGIBLE");
  });

  it("says how much is missing from an incomplete form", () => {
    const e = evaluateEligibility({ ...base, content: { project: { title: "Projet" } } }, new Map());
    expect(e.items.find((i) => i.key === "complete-file")).toMatchObject({ met: false, source: "computed", detail: expect.stringMatching(/champs? à compléter/) });
  });
});
