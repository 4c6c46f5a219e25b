/**
 * The next-auth session cookie's name (secure prefix over HTTPS). Its own
 * module so that proxy.ts can read it without loading next-auth's options.
 */
export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
