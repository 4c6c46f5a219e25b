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
const call = { id: "call-1" };

describe("publication rules", () => {
  it("lets staff of the call and admins preview and publish", () => {
    for (const viewer of [actor([{ role: "STAFF", callId: "call-1" }]), actor([{ role: "STAFF", callId: null }]), actor([{ role: "ADMIN", callId: null }])]) {
      expect(can(viewer, "publication.preview", call)).toBe(true);
      expect(can(viewer, "publication.publish", call)).toBe(true);
    }
  });
  it("refuses anonymous visitors, applicants, jurors and staff of another call", () => {
    for (const viewer of [
      null,
      actor([], "admin-a"),
      actor([{ role: "JURY", callId: "call-1" }]),
      actor([{ role: "JURY", callId: null }]),
      actor([{ role: "STAFF", callId: "call-2" }]),
    ]) {
      expect(can(viewer, "publication.preview", call)).toBe(false);
      expect(can(viewer, "publication.publish", call)).toBe(false);
    }
  });
});
