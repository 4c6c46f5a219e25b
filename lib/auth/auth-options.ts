import type { NextAuthOptions } from "next-auth";
import { oidcJwt, oidcProviderFromEnv, oidcSignIn } from "./oidc";

/** Session lifetime: a working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * next-auth v4 with signed, encrypted JWT sessions (see README: credentials
 * sign-in requires them; revocation is checked against the database on each
 * request by lib/auth/session.ts through the `sv` session version claim).
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/connexion", error: "/connexion" },
  // Password and e-mail link sign-ins are server actions (lib/auth/*.actions.ts)
  // that write the same session cookie; next-auth handles the OIDC flow.
  providers: [oidcProviderFromEnv()].filter((p) => p !== null),
  callbacks: {
    signIn: oidcSignIn,
    jwt: oidcJwt,
    session({ session, token }) {
      return { ...session, userId: token.sub ?? null, sessionVersion: typeof token.sv === "number" ? token.sv : null };
    },
  },
  logger: {
    // A tampered or foreign session cookie ends here (JWT_SESSION_ERROR): the
    // visitor is treated as anonymous; one line without the token's value.
    error(code, metadata) {
      const message = metadata instanceof Error ? metadata.message : ((metadata as { message?: string })?.message ?? "");
      console.warn(`[auth] refused: ${code}${message ? ` (${message.slice(0, 200)})` : ""}`);
    },
    warn(code) {
      console.warn(`[auth] ${code}`);
    },
    debug() {},
  },
};

export { sessionCookieName } from "./session-cookie-name";
