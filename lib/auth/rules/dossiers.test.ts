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

const dossier = { administrationId: "A", callId: "c1" };
const applicantA = actor([{ role: "APPLICANT", callId: null }], "A");
const applicantB = actor([{ role: "APPLICANT", callId: null }], "B");
const staff = actor([{ role: "STAFF", callId: "c1" }]);
const otherStaff = actor([{ role: "STAFF", callId: "c2" }]);
const jury = actor([{ role: "JURY", callId: "c1" }]);
const admin = actor([{ role: "ADMIN", callId: null }]);

describe("dossier rules", () => {
  it("lets only members of the administration write", () => {
    for (const action of ["dossier.edit", "dossier.submit", "dossier.withdraw"] as const) {
      expect(can(applicantA, action, dossier)).toBe(true);
      for (const other of [null, applicantB, staff, jury, admin]) expect(can(other, action, dossier)).toBe(false);
    }
  });

  it("lets the administration and the call's staff read, nobody else", () => {
    expect(can(applicantA, "dossier.read", dossier)).toBe(true);
    expect(can(staff, "dossier.read", dossier)).toBe(true);
    expect(can(admin, "dossier.read", dossier)).toBe(true);
    for (const other of [null, applicantB, otherStaff, jury]) expect(can(other, "dossier.read", dossier)).toBe(false);
  });

  it("lets applicants create on an open call only", () => {
    expect(can(applicantA, "dossier.create", { id: "c1", phase: "OPEN" })).toBe(true);
    expect(can(applicantA, "dossier.create", { id: "c1", phase: "CLOSED" })).toBe(false);
    expect(can(staff, "dossier.create", { id: "c1", phase: "OPEN" })).toBe(false);
    expect(can(null, "dossier.create", { id: "c1", phase: "OPEN" })).toBe(false);
  });

  it("reserves the request for correction to the call's staff", () => {
    expect(can(staff, "dossier.requestCorrection", dossier)).toBe(true);
    expect(can(otherStaff, "dossier.requestCorrection", dossier)).toBe(false);
    expect(can(applicantA, "dossier.requestCorrection", dossier)).toBe(false);
  });
});
