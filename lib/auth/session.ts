import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Actor, Viewer } from "./actor";
import { loadActor } from "./actor.queries";
import { authOptions } from "./auth-options";

/**
 * The viewer of the current request, rebuilt from the database each time
 * (roles and administration are never trusted from the cookie). `null` when
 * anonymous, when the cookie is invalid or the account disabled.
 */
export async function getViewer(): Promise<Viewer> {
  const session = (await getServerSession(authOptions)) as { userId?: string | null } | null;
  if (!session?.userId) return null;
  return loadActor(session.userId);
}

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(callbackPath = "/espace"): Promise<Actor> {
  const actor = await getViewer();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}
