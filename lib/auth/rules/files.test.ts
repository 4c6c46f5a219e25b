import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { can } from "../policy";

const actor = (grants: Actor["grants"], administrationId: string | null = null): Actor => ({
  userId: "u",
  email: "u@example.fr",
  name: "U",
  administrationId,
  ministryId: null,
  grants,
});

const draft = { administrationId: "A", callId: "c1", status: "DRAFT" as const };
const submitted = { ...draft, status: "SUBMITTED" as const };
const applicantA = actor([{ role: "APPLICANT", callId: null }], "A");
const applicantB = actor([{ role: "APPLICANT", callId: null }], "B");
const staff = actor([{ role: "STAFF", callId: "c1" }]);
const otherStaff = actor([{ role: "STAFF", callId: "c2" }]);
const jury = actor([{ role: "JURY", callId: "c1" }]);
const admin = actor([{ role: "ADMIN", callId: null }]);

describe("attachment rules", () => {
  it("lets only members of the administration add and remove files", () => {
    for (const action of ["attachment.upload", "attachment.remove"] as const) {
      expect(can(applicantA, action, draft)).toBe(true);
      for (const other of [null, applicantB, staff, otherStaff, jury, admin]) expect(can(other, action, draft)).toBe(false);
    }
  });

  it("lets the administration download; the call's staff and admins once submitted; never jurors or others", () => {
    expect(can(applicantA, "attachment.download", draft)).toBe(true);
    for (const other of [null, applicantB, staff, otherStaff, jury, admin]) expect(can(other, "attachment.download", draft)).toBe(false);
    for (const allowed of [applicantA, staff, admin]) expect(can(allowed, "attachment.download", submitted)).toBe(true);
    for (const other of [null, applicantB, otherStaff, jury]) expect(can(other, "attachment.download", submitted)).toBe(false);
  });
});
