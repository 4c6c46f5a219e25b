/**
 * Fuzzing of every public route of the production build: hostile path
 * segments for each dynamic route and hostile query strings for every page
 * and route handler (read from app/, e2e/routes.ts). Never a 5xx; unknown
 * slugs get the French 404 page; no payload comes back unescaped in the HTML,
 * and Chromium, opening the page, finds no injected element and runs no
 * injected script. Seeded and bounded: FUZZ_SEED, FUZZ_RUNS (lib/testing/fuzz.ts).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { FUZZ_RUNS, HTML_PAYLOADS, MARKER, UNICODE_EDGE_CASES, fuzzParameters, hostileString } from "../lib/testing/fuzz";
import { listAppRoutes, urlsFor } from "./routes";

const routes = listAppRoutes();

/** Percent-encodes any string, lone surrogates included (as UTF-8 of U+FFFD, like a browser). */
function encodeSegment(value: string): string {
  return [...Buffer.from(value, "utf8")].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

/** Raw path tricks that encoding would hide: bad escapes, traversal, invalid UTF-8, NUL. */
const RAW_SEGMENTS = ["%", "%zz", "%E9", "%ED%A0%80", "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%2Fb", "%3Cscript%3E", ";", "~", "%20", "%C0%AF"];

/** A fuzzed value, bounded in size: beyond 16 kB Node refuses the request line (431), which is tested once below. */
const segmentValue = () => hostileString().filter((s) => s.length <= 2_000);

/**
 * GET when the route answers it; otherwise the route's own method (a POST-only
 * sync endpoint) with the payload as an unreadable body, so the hostile path is
 * really handled by the route rather than refused by Next with a 405.
 */
async function checkResponse(request: APIRequestContext, url: string, payload: string, methods: string[] = ["GET"]) {
  const method = methods.includes("GET") ? "GET" : methods[0];
  const response = await request.fetch(url, {
    method,
    maxRedirects: 0,
    failOnStatusCode: false,
    ...(method === "GET" ? {} : { data: payload, headers: { "content-type": "application/json" } }),
  });
  const status = response.status();
  expect(status, `${url} → HTTP ${status}`).toBeLessThan(500);
  const body = await response.text();
  if (payload.includes("<")) expect(body.includes(payload), `${url} renvoie la charge non échappée`).toBe(false);
  return { status, body };
}

async function checkInChromium(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status() ?? 0, url).toBeLessThan(500);
  await page.waitForLoadState("load");
  expect(await page.locator(`#${MARKER}`).count(), `${url} : élément injecté`).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __fuzzInjected?: number }).__fuzzInjected), `${url} : script injecté exécuté`).toBeUndefined();
}

for (const route of routes.filter((r) => r.dynamicSegments.length > 0)) {
  test(`${route.pattern}: hostile path segments never give a 5xx and unknown ones a French 404`, async ({ request }) => {
    const fill = (value: string) => route.pattern.replace(/\[+(?:\.\.\.)?[^\]]+\]+/g, value);
    await fc.assert(
      fc.asyncProperty(segmentValue(), async (value) => {
        const { status, body } = await checkResponse(request, fill(encodeSegment(value)), value, route.methods);
        // Server-rendered, not Next.js's bare error document filled in by the browser.
        if (route.kind === "page" && status === 404) expect(body).toContain("<h1>Page non trouvée</h1>");
      }),
      fuzzParameters(),
    );
    for (const raw of RAW_SEGMENTS) await checkResponse(request, fill(raw), raw, route.methods);
    const { status } = await checkResponse(request, fill("a".repeat(20_000)), "", route.methods);
    expect([404, 414, 431]).toContain(status);
  });

  // A browser only ever navigates (GET) to a page or a GET handler.
  if (!route.methods.includes("GET")) continue;
  test(`${route.pattern}: HTML payloads in the path are never injected (Chromium)`, async ({ page }) => {
    for (const payload of HTML_PAYLOADS) await checkInChromium(page, route.pattern.replace(/\[+(?:\.\.\.)?[^\]]+\]+/g, encodeSegment(payload)));
  });
}

for (const route of routes) {
  const urls = route.dynamicSegments.length > 0 ? urlsFor(route).slice(0, 1) : [route.pattern];
  for (const url of urls) {
    test(`${url}: hostile query strings never give a 5xx nor an injection`, async ({ request, page }) => {
      const names = fc.constantFrom("q", "page", "slug", "statut", "tri", "callbackUrl", "__proto__", "_rsc", "x");
      await fc.assert(
        fc.asyncProperty(names, segmentValue(), async (name, value) => {
          await checkResponse(request, `${url}?${name}=${encodeSegment(value)}`, value, route.methods);
        }),
        fuzzParameters(),
      );
      // Repeated and malformed parameters.
      for (const query of ["?q=1&q=2&q=%3Cscript%3E", "?%", "?q=%", "?=&&=", `?q[]=1&q[$gt]=`, "?page=-1", "?page=1e308", "?page=NaN"]) await checkResponse(request, url + query, "", route.methods);
      if (route.kind === "page") for (const payload of HTML_PAYLOADS.slice(0, 3)) await checkInChromium(page, `${url}?q=${encodeSegment(payload)}`);
    });
  }
}

/** The database the app under test uses (scripts/e2e.ts: a server database, or the embedded one on its port). */
function appDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.LAUREAT_EMBEDDED_DB_PORT) return `postgres://postgres@127.0.0.1:${process.env.LAUREAT_EMBEDDED_DB_PORT}/postgres?sslmode=disable`;
  throw new Error("base de l’application inconnue : lancez ces tests par scripts/e2e.ts");
}

test("stored hostile content (call title, summary, description, themes, categories) is shown as text, never run", async ({ page }) => {
  const slug = `fuzz-${Date.now().toString(36)}`;
  const [title, summary, paragraph, theme, category] = [HTML_PAYLOADS[0], HTML_PAYLOADS[1], HTML_PAYLOADS[5], HTML_PAYLOADS[2], HTML_PAYLOADS[4]];
  const unicode = UNICODE_EDGE_CASES.filter((u) => u.isWellFormed() && !u.includes("\u0000")).join(" ");
  const client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
  const id = randomUUID();
  try {
    await client.query(
      `insert into call (id, slug, title, summary, description, kind, phase, themes, opens_at, budget_envelope_cents)
       values ($1, $2, $3, $4, $5, 'ROLLING', 'OPEN', $6, now() - interval '1 day', 100)`,
      [id, slug, title, summary, `${paragraph}\n\n${unicode}\n\n*${HTML_PAYLOADS[3]}*`, [theme, "'; drop table call; --"]],
    );
    await client.query(`insert into call_category (id, call_id, key, label, position) values ($1, $2, 'fuzz', $3, 0)`, [randomUUID(), id, category]);
    for (const url of [`/appels/${slug}`, "/", "/plan-du-site"]) {
      const response = await page.request.get(url);
      const html = await response.text();
      expect(response.status(), url).toBe(200);
      for (const payload of [title, summary, paragraph, theme, category, HTML_PAYLOADS[3]]) expect(html.includes(payload!), `${url} : charge non échappée`).toBe(false);
      await checkInChromium(page, url);
    }
    // The text itself is shown, exactly as stored.
    await page.goto(`/appels/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
    await expect(page.locator("main")).toContainText(summary!);
  } finally {
    await client.query(`delete from call where id = $1`, [id]);
    await client.end();
  }
});

test("fuzzing is seeded and bounded", () => {
  expect(FUZZ_RUNS).toBeGreaterThan(0);
  expect(routes.length).toBeGreaterThan(0);
  // Every route handler is reached through the methods it exports.
  for (const route of routes.filter((r) => r.kind === "handler")) expect(route.methods.length, route.file).toBeGreaterThan(0);
});
