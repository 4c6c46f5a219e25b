import type { NextAuthOptions } from "next-auth";

/** Session lifetime: a working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * next-auth v4 with signed, encrypted JWT sessions (see README: credentials
 * sign-in requires them; revocation is checked against the database on each
 * request by lib/auth/session.ts). Providers are added by lib/auth.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [],
  callbacks: {
    session({ session, token }) {
      return { ...session, userId: token.sub ?? null };
    },
  },
};

export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
