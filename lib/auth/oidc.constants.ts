/** next-auth's id of the OIDC provider (also in the callback URL: /api/auth/callback/proconnect). */
export const OIDC_PROVIDER_ID_CLIENT = "proconnect";
