import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { can } from "../policy";

const actor = (grants: Actor["grants"], administrationId: string | null = null): Actor => ({ userId: "u", email: "u@x.fr", name: "U", administrationId, ministryId: null, grants });
const admin = actor([{ role: "ADMIN", callId: null }]);
const staffOfC1 = actor([{ role: "STAFF", callId: "c1" }]);
const globalStaff = actor([{ role: "STAFF", callId: null }]);
const juror = actor([{ role: "JURY", callId: "c1" }]);
const applicant = actor([{ role: "APPLICANT", callId: null }], "a1");
const c1 = { id: "c1", phase: "DRAFT" as const };

describe("call management rules", () => {
  it("reserves creating, duplicating and the team to administrators", () => {
    expect(can(admin, "call.manage", null)).toBe(true);
    for (const v of [staffOfC1, globalStaff, juror, applicant, null]) expect(can(v, "call.manage", c1)).toBe(false);
  });

  it("lets the staff of a call edit it, not the staff of another call, jurors or applicants", () => {
    expect(can(staffOfC1, "call.edit", c1)).toBe(true);
    expect(can(globalStaff, "call.edit", c1)).toBe(true);
    expect(can(admin, "call.edit", c1)).toBe(true);
    expect(can(staffOfC1, "call.edit", { id: "c2", phase: "DRAFT" })).toBe(false);
    for (const v of [juror, applicant, null]) expect(can(v, "call.edit", c1)).toBe(false);
  });

  it("keeps opening to administrators, later moves to the call's staff", () => {
    expect(can(admin, "call.transition", { ...c1, to: "OPEN" })).toBe(true);
    expect(can(staffOfC1, "call.transition", { ...c1, to: "OPEN" })).toBe(false);
    expect(can(staffOfC1, "call.transition", { id: "c1", phase: "OPEN", to: "CLOSED" })).toBe(true);
    expect(can(staffOfC1, "call.transition", { id: "c1", phase: "CLOSED", to: "OPEN" })).toBe(true);
    expect(can(juror, "call.transition", { id: "c1", phase: "OPEN", to: "CLOSED" })).toBe(false);
  });
});
