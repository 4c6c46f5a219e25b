import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor, Viewer } from "./actor";
import { loadSessionActor } from "./actor.queries";
import { authOptions } from "./auth-options";
import { sessionCookieName } from "./session-cookie-name";

/**
 * The next-auth session token of the request: the cookie, or its chunks
 * (`name.0`, `name.1`, …) when next-auth had to split a large one.
 */
async function sessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  const name = sessionCookieName();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length > 0 ? chunks.map((c) => c.value).join("") : undefined;
}

/**
 * The viewer of the current request, rebuilt from the database each time
 * (roles and administration are never trusted from the cookie). `null` when
 * anonymous, when the cookie is invalid (refused and logged, without the
 * token's value), the account disabled, or its sessions revoked.
 * Password, e-mail link and OIDC sign-ins all produce the same next-auth
 * session cookie.
 *
 * The token is decrypted and verified with next-auth's own `decode` (same
 * secret, same key derivation, expiry checked). `getServerSession` did the
 * same and then re-encrypted a refreshed token that a server component cannot
 * send anyway (its cookie setter is a no-op there), and drew a CSRF token:
 * 6 ms of every signed-in page (bench/staff-inbox). The session is still
 * extended by next-auth's own route, which the header calls on each page.
 */
export async function getViewer(): Promise<Viewer> {
  const token = await sessionToken();
  if (!token) return null;
  let claims: Awaited<ReturnType<typeof decode>>;
  try {
    claims = await decode({ token, secret: authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? "" });
  } catch (error) {
    console.warn(`[auth] refused: JWT_SESSION_ERROR (${(error instanceof Error ? error.message : String(error)).slice(0, 200)})`);
    return null;
  }
  if (!claims?.sub || typeof claims.sv !== "number") return null;
  return loadSessionActor(claims.sub, claims.sv);
}

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(callbackPath = "/espace"): Promise<Actor> {
  const actor = await getViewer();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}
