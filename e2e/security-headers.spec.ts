import { expect, test } from "@playwright/test";

test("every page carries the security headers, and its scripts the response's nonce", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = (await page.goto("/"))!;
  const headers = response.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  // The nonce is fresh for each response.
  const again = (await page.request.get("/")).headers()["content-security-policy"]!;
  expect(again).not.toBe(csp);
  // The DSFR and Next.js scripts ran under the policy: the page is interactive and nothing was blocked.
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("route handlers carry the headers too", async ({ request }) => {
  const response = await request.get("/api/auth/session");
  expect(response.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});
