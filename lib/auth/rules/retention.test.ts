import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../actor";
import { can } from "../policy";

const actor = (grants: Grant[], administrationId: string | null = null): Actor => ({ userId: "u", email: "u@example.fr", name: "U", administrationId, ministryId: null, grants });
const call = { id: "call-1" };

describe("retention rules", () => {
  it("lets administrators only see the dry-run, set the period and archive", () => {
    expect(can(actor([{ role: "ADMIN", callId: null }]), "retention.manage", call)).toBe(true);
    expect(can(actor([{ role: "ADMIN", callId: null }]), "retention.manage", null)).toBe(true);
  });
  it("refuses staff (even of the call), jurors, applicants and anonymous visitors", () => {
    for (const viewer of [
      null,
      actor([], "admin-a"),
      actor([{ role: "STAFF", callId: "call-1" }]),
      actor([{ role: "STAFF", callId: null }]),
      actor([{ role: "JURY", callId: "call-1" }]),
      // An ADMIN grant limited to one call is not a global administrator.
      actor([{ role: "ADMIN", callId: "call-1" }]),
    ]) {
      expect(can(viewer, "retention.manage", call)).toBe(false);
    }
  });
});
