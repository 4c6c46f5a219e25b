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

const dossier = { callId: "c1" };
const applicant = actor([{ role: "APPLICANT", callId: null }], "A");
const staff = actor([{ role: "STAFF", callId: "c1" }]);
const otherStaff = actor([{ role: "STAFF", callId: "c2" }]);
const jury = actor([{ role: "JURY", callId: "c1" }]);
const admin = actor([{ role: "ADMIN", callId: null }]);

const DOSSIER_ACTIONS = ["review.read", "review.annotate", "review.assign", "review.tag", "review.eligibility", "review.decide"] as const;

describe("review rules (deny by default)", () => {
  it("lets the call's staff and administrators act on its dossiers, nobody else", () => {
    for (const action of DOSSIER_ACTIONS) {
      expect(can(staff, action, dossier), action).toBe(true);
      expect(can(admin, action, dossier), action).toBe(true);
      for (const other of [null, applicant, jury, otherStaff]) expect(can(other, action, dossier), action).toBe(false);
    }
  });

  it("releases and labels per call", () => {
    for (const action of ["review.release", "review.manageTags"] as const) {
      expect(can(staff, action, { id: "c1" })).toBe(true);
      expect(can(otherStaff, action, { id: "c1" })).toBe(false);
      expect(can(jury, action, { id: "c1" })).toBe(false);
      expect(can(applicant, action, { id: "c1" })).toBe(false);
    }
  });

  it("opens the review actions to staff of some call only", () => {
    expect(can(staff, "review.act", null)).toBe(true);
    expect(can(otherStaff, "review.act", null)).toBe(true);
    expect(can(admin, "review.act", null)).toBe(true);
    for (const other of [null, applicant, jury]) expect(can(other, "review.act", null)).toBe(false);
  });

  it("refuses a malformed resource instead of throwing", () => {
    expect(can(staff, "review.decide", null as unknown as { callId: string })).toBe(false);
  });
});

const call = { id: "call-1", phase: "AUDITIONS" as const };
const ACTIONS = ["review.inbox", "review.export", "review.auditions", "review.views", "review.statistics"] as const;

describe("review rules: inbox, exports, auditions, saved views, statistics", () => {
  it("let staff of the call and admins see the inbox, export it and plan the auditions", () => {
    for (const viewer of [actor([{ role: "STAFF", callId: "call-1" }]), actor([{ role: "STAFF", callId: null }]), actor([{ role: "ADMIN", callId: null }])]) {
      for (const action of ACTIONS) expect(can(viewer, action, call), action).toBe(true);
    }
  });

  it("refuse anonymous visitors, applicants, jurors and staff of another call", () => {
    for (const viewer of [null, actor([], "admin-a"), actor([{ role: "JURY", callId: "call-1" }]), actor([{ role: "JURY", callId: null }]), actor([{ role: "STAFF", callId: "call-2" }])]) {
      for (const action of ACTIONS) expect(can(viewer, action, call), action).toBe(false);
    }
  });
});
