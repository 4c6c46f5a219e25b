import { describe, expect, it } from "vitest";
import { newNonce, securityHeaders } from "./headers";

describe("security headers", () => {
  it("allows only nonced scripts, no framing, and keeps the referrer on the site", () => {
    const h = securityHeaders({ nonce: "abc", https: false, development: false });
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });
  it("adds HSTS and upgrade-insecure-requests over HTTPS", () => {
    const h = securityHeaders({ nonce: "abc", https: true, development: false });
    expect(h["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(h["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
  it("without a nonce (a page served from the full-route cache), allows the site's scripts and the document's inline ones, nothing from elsewhere", () => {
    const csp = securityHeaders({ nonce: null, https: false, development: false })["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'unsafe-inline'; ");
    expect(csp).not.toContain("nonce-");
    expect(csp).not.toContain("strict-dynamic");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it("draws a new nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
