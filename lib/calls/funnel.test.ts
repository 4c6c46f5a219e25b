import { describe, expect, it } from "vitest";
import { computeFunnel, type FunnelRow } from "./funnel";

const row = (status: FunnelRow["status"], administrationId: string, ministryId: string): FunnelRow => ({ status, administrationId, ministryId });

describe("computeFunnel", () => {
  it("counts each stage, and administrations and ministries once", () => {
    const funnel = computeFunnel([
      row("LAUREATE", "a1", "m1"),
      row("NOT_RETAINED", "a1", "m1"),
      row("NOT_PRESELECTED", "a2", "m1"),
      row("PRESELECTED", "a3", "m2"),
      row("DRAFT", "a4", "m3"),
      row("WITHDRAWN", "a5", "m4"),
    ]);
    expect(funnel).toEqual({ submitted: 4, administrations: 3, ministries: 2, preselected: 3, auditioned: 2, laureates: 1 });
  });
});
