import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Actor, Viewer } from "./actor";
import { loadSessionActor } from "./actor.queries";
import { authOptions } from "./auth-options";

/**
 * The viewer of the current request, rebuilt from the database each time
 * (roles and administration are never trusted from the cookie). `null` when
 * anonymous, when the cookie is invalid (next-auth refuses and logs a
 * tampered token), the account disabled, or its sessions revoked.
 * Password, e-mail link and OIDC sign-ins all produce the same next-auth
 * session cookie, read here the same way.
 */
export async function getViewer(): Promise<Viewer> {
  const session = (await getServerSession(authOptions)) as { userId?: string | null; sessionVersion?: number | null } | null;
  if (!session?.userId || typeof session.sessionVersion !== "number") return null;
  return loadSessionActor(session.userId, session.sessionVersion);
}

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(callbackPath = "/espace"): Promise<Actor> {
  const actor = await getViewer();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}
