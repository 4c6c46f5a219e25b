/**
 * Every page, route handler and server action, for every persona: allowed or
 * denied as e2e/authorization-matrix.ts says, and never another tenant's
 * data in the body. A route or action without an entry fails the test.
 */
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "./auth";
import { ACTIONS, PERSONA_ACCOUNTS, PERSONAS, ROUTES, TENANT_SECRETS, type ActionEntry, type Persona } from "./authorization-matrix";

const ROOT = process.cwd();
const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(path.relative(ROOT, full));
  }
  return out;
}

/** app/(public)/appels/[slug]/page.tsx → /appels/[slug]; route groups and @slots vanish. */
export function routePattern(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return "/" + segments.join("/");
}

function discoverRoutes(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /(^|\/)(page|route)\.(tsx|ts|jsx|js)$/.test(f))
    .map(routePattern);
}

/** Every export of a file whose first statement is "use server". */
function discoverActions(): string[] {
  const keys: string[] = [];
  for (const file of ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)))) {
    if (!/\.(ts|tsx)$/.test(file)) continue;
    const source = readFileSync(path.join(ROOT, file), "utf8");
    if (!/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*["']use server["']/.test(source)) continue;
    for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+))/gm)) keys.push(`${file}#${m[1] ?? m[2]}`);
  }
  return keys;
}

test("every route and server action has an entry in the matrix, and every entry a route or action", () => {
  const routes = discoverRoutes();
  const actions = discoverActions();
  const missing = [
    ...routes.filter((r) => !(r in ROUTES)).map((r) => `route ${r} — add ROUTES["${r}"] in e2e/authorization-matrix.ts`),
    ...actions.filter((a) => !(a in ACTIONS)).map((a) => `server action ${a} — add ACTIONS["${a}"] in e2e/authorization-matrix.ts`),
  ];
  const stale = [
    ...Object.keys(ROUTES).filter((r) => !routes.includes(r)).map((r) => `ROUTES["${r}"] matches no app/**/page|route file`),
    ...Object.keys(ACTIONS).filter((a) => !actions.includes(a)).map((a) => `ACTIONS["${a}"] matches no exported server action`),
  ];
  expect([...missing, ...stale], "authorization matrix out of date").toEqual([]);
  expect(routes.length).toBeGreaterThan(5);
  expect(actions.length).toBeGreaterThan(3);
});

/** One signed-in request context per persona, signed in lazily through the real sign-in form. */
class Sessions {
  private readonly contexts = new Map<Persona, APIRequestContext>();
  constructor(private readonly browser: Browser) {}

  async get(persona: Persona): Promise<APIRequestContext> {
    const existing = this.contexts.get(persona);
    if (existing) return existing;
    let storageState: Awaited<ReturnType<APIRequestContext["storageState"]>> | undefined;
    if (persona !== "anonymous") {
      const context = await this.browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      await page.goto("/connexion");
      await page.getByLabel("Adresse électronique").fill(PERSONA_ACCOUNTS[persona]);
      await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await expect(page).not.toHaveURL(/\/connexion/);
      storageState = await context.storageState();
      await context.close();
    }
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState, maxRedirects: 0 });
    this.contexts.set(persona, api);
    return api;
  }

  /** After an action that ends the session (sign out…), the persona signs in again next time. */
  async forget(persona: Persona) {
    await this.contexts.get(persona)?.dispose();
    this.contexts.delete(persona);
  }

  async dispose() {
    for (const c of this.contexts.values()) await c.dispose();
  }
}

/** Where the response sends the browser: an HTTP redirect, or a server action's redirect header. */
function locationPath(r: APIResponse): string {
  const actionRedirect = r.headers()["x-action-redirect"]?.split(";")[0];
  const location = actionRedirect ?? ([301, 302, 303, 307, 308].includes(r.status()) ? r.headers()["location"] : undefined);
  if (!location) return "";
  const url = new URL(location, BASE_URL);
  return url.pathname + url.search;
}
const isSignInRedirect = (r: APIResponse) => /^\/connexion(\?callbackUrl=|$)/.test(locationPath(r));

test("pages and route handlers: allowed or denied for each persona, no other tenant's data", async ({ browser }) => {
  test.setTimeout(240_000);
  const sessions = new Sessions(browser);
  const failures: string[] = [];
  try {
    for (const [pattern, entry] of Object.entries(ROUTES)) {
      for (const persona of PERSONAS) {
        const api = await sessions.get(persona);
        const response = await api.fetch(entry.path, { method: entry.method ?? "GET" });
        const status = response.status();
        const body = await response.text();
        const where = `${entry.method ?? "GET"} ${entry.path} (${pattern}) as ${persona}`;
        if (entry.expect[persona] === "allow") {
          if (status !== 200) failures.push(`${where}: expected 200, got ${status} ${locationPath(response)}`);
        } else if (entry.expect[persona] === "hidden") {
          if (status !== 404) failures.push(`${where}: expected 404, got ${status} ${locationPath(response)}`);
        } else if (persona === "anonymous") {
          if (!isSignInRedirect(response) && status !== 401) failures.push(`${where}: expected a redirect to /connexion or 401, got ${status} ${locationPath(response)}`);
        } else if (![401, 403, 404].includes(status) && !(status >= 300 && status < 400 && locationPath(response) !== entry.path)) {
          failures.push(`${where}: expected 403/404 or a redirect away, got ${status}`);
        }
        const secrets = [...(entry.publicData ? [] : (TENANT_SECRETS[persona] ?? [])), ...(entry.mustNotContain?.[persona] ?? [])];
        for (const secret of secrets) if (body.includes(secret)) failures.push(`${where}: the body contains «${secret}»`);
      }
    }
  } finally {
    await sessions.dispose();
  }
  expect(failures).toEqual([]);
});

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/** Server action ids from the production build: file#export → { id, page that can receive it }. */
function actionIds(): Map<string, { id: string; pagePath: string }> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const out = new Map<string, { id: string; pagePath: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers).find((w) => w.startsWith("app/") && w.endsWith("/page"));
    if (!worker) continue;
    const pattern = routePattern(`${worker}.tsx`);
    const pagePath = ROUTES[pattern]?.path ?? pattern;
    out.set(`${entry.filename}#${entry.exportedName}`, { id, pagePath });
  }
  return out;
}

/** React's reply encoding for `(null, formData)` or `(formData)` with an empty form. */
function emptyFormCall(args: ActionEntry["args"]): FormData {
  const body = new FormData();
  body.append("0", JSON.stringify(args === "form" ? ["$K1"] : [null, "$K1"]));
  return body;
}

test("server actions: allowed or denied for each persona", async ({ browser }) => {
  test.setTimeout(240_000);
  const ids = actionIds();
  const sessions = new Sessions(browser);
  const failures: string[] = [];
  try {
    for (const [key, entry] of Object.entries(ACTIONS)) {
      const action = ids.get(key);
      if (!action) {
        failures.push(`${key}: not found in the build's server-reference-manifest (is it used by a page?)`);
        continue;
      }
      for (const persona of PERSONAS) {
        const api = await sessions.get(persona);
        const response = await api.post(action.pagePath, {
          headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: BASE_URL },
          multipart: emptyFormCall(entry.args),
        });
        const body = await response.text();
        const denied = isSignInRedirect(response) || /"code":"(UNAUTHENTICATED|FORBIDDEN)"/.test(body) || response.status() === 403;
        const where = `${key} as ${persona}`;
        if (response.status() >= 500) failures.push(`${where}: server error ${response.status()}`);
        else if (entry.expect[persona] === "allow" && denied) failures.push(`${where}: expected allowed, was denied`);
        else if (entry.expect[persona] === "deny" && !denied) failures.push(`${where}: expected denied, got ${response.status()} ${body.slice(0, 200)}`);
        const secrets = TENANT_SECRETS[persona] ?? [];
        for (const secret of secrets) if (body.includes(secret)) failures.push(`${where}: the response contains «${secret}»`);
        if (entry.endsSession) await sessions.forget(persona);
      }
    }
  } finally {
    await sessions.dispose();
  }
  expect(failures).toEqual([]);
});
