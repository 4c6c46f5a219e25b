import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../actor";
import { can } from "../policy";

const actor = (grants: Grant[], administrationId: string | null = null): Actor => ({
  userId: "u",
  email: "u@example.fr",
  name: "U",
  administrationId,
  ministryId: null,
  grants,
});
const call = { id: "call-1", phase: "AUDITIONS" as const };
const ACTIONS = ["review.inbox", "review.export", "review.auditions"] as const;

describe("review rules", () => {
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
