import "server-only";
import type { Account, Profile } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { appendAudit } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import { OIDC_PROVIDER_ID_CLIENT } from "./oidc.constants";

const OIDC_PROVIDER_ID = OIDC_PROVIDER_ID_CLIENT;

type OidcProfile = Profile & { sub: string; email?: string; email_verified?: boolean | string; given_name?: string; usual_name?: string; name?: string };

/**
 * The State's single sign-on for civil servants (ProConnect), as a generic
 * OpenID Connect provider configured by OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET (and optionally OIDC_SCOPE). Absent configuration: no
 * provider, and no button on the sign-in page.
 */
export function oidcProviderFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const issuer = env.OIDC_ISSUER.replace(/\/$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: "ProConnect",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.OIDC_SCOPE ?? "openid email profile" } },
    idToken: true,
    // ProConnect (like most providers) puts the e-mail in the userinfo
    // response, not in the ID token: ask for it after the ID token was verified.
    userinfo: {
      async request({ client, tokens }) {
        // At run time next-auth passes the verified openid-client TokenSet.
        const tokenSet = tokens as TokenSet;
        const info = await client.userinfo(tokenSet);
        return { ...tokenSet.claims(), ...info } as OidcProfile;
      },
    },
    // ProConnect signs its userinfo responses (a JWT): OIDC_USERINFO_SIGNED_RESPONSE_ALG=RS256.
    ...(env.OIDC_USERINFO_SIGNED_RESPONSE_ALG ? { client: { userinfo_signed_response_alg: env.OIDC_USERINFO_SIGNED_RESPONSE_ALG } } : {}),
    // state + PKCE + nonce: a forged or replayed callback is refused by next-auth.
    checks: ["pkce", "state", "nonce"],
    profile(profile) {
      const name = profile.name ?? [profile.given_name, profile.usual_name].filter(Boolean).join(" ");
      return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: name || null };
    },
  };
}

export const isOidcConfigured = () => oidcProviderFromEnv() !== null;

/**
 * An OIDC identity is accepted only for an existing, active account with the
 * same e-mail address, verified by the identity provider. Anything else goes
 * back to the sign-in page with one neutral message.
 */
export async function oidcSignIn({ account, profile }: { account: Account | null; profile?: Profile }): Promise<boolean | string> {
  if (account?.provider !== OIDC_PROVIDER_ID) return false;
  const p = profile as OidcProfile | undefined;
  const email = p?.email?.toLowerCase();
  const verified = p?.email_verified === true || p?.email_verified === "true";
  const user = email && verified ? await db.user.findFirst({ where: { email, disabledAt: null }, select: { id: true } }) : null;
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actorId: user?.id ?? null,
      action: user ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      data: user ? { method: "oidc" } : { method: "oidc", email: email ?? null, emailVerified: verified },
    }),
  );
  return user ? true : "/connexion?error=AccessDenied";
}

/** Replaces the provider's subject by our user id and version, as the password sign-in does. */
export async function oidcJwt({ token, account }: { token: JWT; account: Account | null }): Promise<JWT> {
  if (account?.provider !== OIDC_PROVIDER_ID) return token;
  const email = token.email?.toLowerCase();
  const user = email ? await db.user.findFirst({ where: { email, disabledAt: null }, select: { id: true, name: true, sessionVersion: true } }) : null;
  if (!user) return {};
  return { sub: user.id, email, name: user.name, sv: user.sessionVersion };
}
