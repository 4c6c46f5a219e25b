import { createServer } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./ports";

/**
 * A real OpenID Connect provider (npm oidc-provider) on loopback, standing in
 * for ProConnect in tests. Its development login form accepts any login: the
 * login typed is the e-mail address of the identity; a login starting with
 * "non-verifie+" yields `email_verified: false`.
 */
export async function startOidcProvider(options: { redirectUri: string; port?: number }) {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const client = { clientId: "laureat-e2e", clientSecret: "laureat-e2e-secret-0123456789abcdef" };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    async findAccount(_ctx: unknown, id: string) {
      const email = id.replace(/^non-verifie\+/, "");
      return {
        accountId: id,
        async claims() {
          return { sub: id, email, email_verified: !id.startsWith("non-verifie+"), name: email.split("@")[0] };
        },
      };
    },
    // Every scope asked for is granted at once: no consent screen in tests.
    async loadExistingGrant(ctx: { oidc: { client: { clientId: string }; session: { accountId: string }; provider: { Grant: new (o: object) => GrantLike } } }) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      grant.addOIDCClaims(["email", "email_verified", "name"]);
      await grant.save();
      return grant;
    },
    cookies: { keys: ["laureat-e2e-oidc-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, ...client, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type GrantLike = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; save(): Promise<unknown> };
