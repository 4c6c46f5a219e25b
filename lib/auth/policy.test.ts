import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { authorize, can, ForbiddenError } from "./policy";

const actor = (grants: Actor["grants"], administrationId: string | null = null): Actor => ({
  userId: "u",
  email: "u@example.fr",
  name: "U",
  administrationId,
  ministryId: null,
  grants,
});

describe("policy", () => {
  const draft = { id: "c1", phase: "DRAFT" as const };
  const open = { id: "c1", phase: "OPEN" as const };

  it("lets anyone read a public call, only staff of the call or admins read a draft", () => {
    expect(can(null, "call.read", open)).toBe(true);
    expect(can(null, "call.read", draft)).toBe(false);
    expect(can(actor([], "a1"), "call.read", draft)).toBe(false);
    expect(can(actor([{ role: "STAFF", callId: "c1" }]), "call.read", draft)).toBe(true);
    expect(can(actor([{ role: "STAFF", callId: "c2" }]), "call.read", draft)).toBe(false);
    expect(can(actor([{ role: "JURY", callId: "c1" }]), "call.read", draft)).toBe(false);
    expect(can(actor([{ role: "ADMIN", callId: null }]), "call.read", draft)).toBe(true);
  });

  it("denies an action it has no rule for", () => {
    expect(can(actor([{ role: "ADMIN", callId: null }]), "no.such.action" as never, {} as never)).toBe(false);
  });

  it("throws ForbiddenError from authorize", () => {
    expect(() => authorize(null, "call.manage", null)).toThrow(ForbiddenError);
    expect(() => authorize(actor([{ role: "ADMIN", callId: null }]), "call.manage", null)).not.toThrow();
  });
});
