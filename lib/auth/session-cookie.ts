import "server-only";
import { cookies } from "next/headers";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./auth-options";
import { encodeSessionToken, type SessionUser } from "./sign-in.mutations";

/** HttpOnly, SameSite=Lax, Secure whenever the app is served over HTTPS (the `__Secure-` name requires it). */
export async function setSessionCookie(user: SessionUser): Promise<void> {
  (await cookies()).set(sessionCookieName(), await encodeSessionToken(user), {
    httpOnly: true,
    sameSite: "lax",
    secure: sessionCookieName().startsWith("__Secure-"),
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}
