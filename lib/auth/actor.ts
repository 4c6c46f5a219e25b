import type { Role } from "@/lib/generated/prisma/enums";

/** A role, global (callId null) or on one call. */
export type Grant = { role: Role; callId: string | null };

/**
 * The signed-in person as every policy check and every query sees it. Built
 * from the database at each request (lib/auth/actor.queries.ts), never from
 * what the browser sends.
 */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  /** The administration the person belongs to (applicants), if any. */
  administrationId: string | null;
  ministryId: string | null;
  grants: Grant[];
};

/** `null` is the anonymous visitor. */
export type Viewer = Actor | null;

export function hasGlobalRole(actor: Viewer, role: Role): boolean {
  return !!actor && actor.grants.some((g) => g.role === role && g.callId === null);
}

/** A global grant counts for every call. */
export function hasRoleOnCall(actor: Viewer, role: Role, callId: string): boolean {
  return !!actor && actor.grants.some((g) => g.role === role && (g.callId === null || g.callId === callId));
}

export const isAdmin = (actor: Viewer) => hasGlobalRole(actor, "ADMIN");
export const isStaffOn = (actor: Viewer, callId: string) => isAdmin(actor) || hasRoleOnCall(actor, "STAFF", callId);
export const isApplicant = (actor: Viewer): actor is Actor => !!actor && actor.administrationId !== null;
