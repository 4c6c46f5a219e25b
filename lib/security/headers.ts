/**
 * Every security header of the app, in one place (applied by proxy.ts).
 * Pure, so that a unit test reads the exact policy; e2e/security-headers
 * checks that the running app sends it.
 */
export type SecurityHeaderOptions = {
  /**
   * The response's nonce, or null for a page served whole from Next's cache
   * (lib/publication/public-pages.ts, STATIC_PUBLIC_PAGES): a cached document
   * cannot carry a fresh nonce. See docs/decisions/017.
   */
  nonce: string | null;
  https: boolean;
  development: boolean;
};

export function contentSecurityPolicy({ nonce, https, development }: SecurityHeaderOptions): string {
  const eval_ = development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    nonce === null
      ? // Scripts from the site only, and the inline ones of the cached
        // document (Next's payload, the DSFR's theme); no other origin.
        `script-src 'self' 'unsafe-inline'${eval_}`
      : // 'strict-dynamic': scripts loaded by a nonced script are trusted, nothing else is.
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}`,
    // Style attributes set by React components cannot carry a nonce; inline
    // styles cannot run code, so this is the usual trade-off.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Browsers ignore HSTS over plain HTTP; sent only where the app is served over HTTPS.
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: unguessable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
