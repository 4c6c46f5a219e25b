import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { can } from "../policy";

const actor = (userId: string, grants: Actor["grants"], administrationId: string | null = null): Actor => ({
  userId,
  email: `${userId}@example.fr`,
  name: userId,
  administrationId,
  ministryId: null,
  grants,
});

describe("jury rules", () => {
  const juror = actor("j", [{ role: "JURY", callId: "c1" }]);
  const chair = actor("p", [{ role: "JURY", callId: "c1" }]);
  const staff = actor("s", [{ role: "STAFF", callId: null }]);
  const admin = actor("a", [{ role: "ADMIN", callId: null }]);
  const applicant = actor("x", [{ role: "APPLICANT", callId: null }], "adm");
  const otherJuror = actor("o", [{ role: "JURY", callId: "c2" }]);
  const asJuror = { callId: "c1", member: { userId: "j", isChair: false } };
  const asChair = { callId: "c1", member: { userId: "p", isChair: true } };

  it("lets only the member themself participate, with a JURY grant on the call", () => {
    expect(can(juror, "jury.participate", asJuror)).toBe(true);
    expect(can(chair, "jury.participate", asJuror)).toBe(false);
    expect(can(otherJuror, "jury.participate", { callId: "c1", member: null })).toBe(false);
    expect(can(staff, "jury.participate", { callId: "c1", member: null })).toBe(false);
    expect(can(null, "jury.participate", asJuror)).toBe(false);
    expect(can(applicant, "jury.participate", { callId: "c1", member: null })).toBe(false);
    // A membership row without the grant (revoked) is not enough.
    expect(can(actor("j", []), "jury.participate", asJuror)).toBe(false);
  });

  it("reserves chair actions to the chair, ranking to the chair and staff, management to staff", () => {
    expect(can(chair, "jury.chair", asChair)).toBe(true);
    expect(can(juror, "jury.chair", asJuror)).toBe(false);
    expect(can(staff, "jury.chair", { callId: "c1", member: null })).toBe(false);
    expect(can(chair, "jury.ranking", asChair)).toBe(true);
    expect(can(juror, "jury.ranking", asJuror)).toBe(false);
    expect(can(staff, "jury.ranking", { callId: "c1", member: null })).toBe(true);
    expect(can(admin, "jury.manage", { callId: "c1" })).toBe(true);
    expect(can(staff, "jury.manage", { callId: "c1" })).toBe(true);
    expect(can(actor("s2", [{ role: "STAFF", callId: "c2" }]), "jury.manage", { callId: "c1" })).toBe(false);
    expect(can(chair, "jury.manage", { callId: "c1" })).toBe(false);
    expect(can(applicant, "jury.ranking", { callId: "c1", member: null })).toBe(false);
  });
});
