/**
 * Every page and route handler of the app, read from the `app/` file system,
 * so that a new page cannot escape the accessibility sweep or the fuzzing.
 * Dynamic segments are filled from SAMPLE_PARAMS (demo data): a dynamic route
 * without samples, or samples for a route that no longer exists, fails the
 * sweep — add the samples when you add the page.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const APP_DIR = path.resolve("app");

export type AppRoute = {
  /** Route pattern as in the file system, without route groups: "/appels/[slug]". */
  pattern: string;
  /** "page" (page.tsx) or "handler" (route.ts). */
  kind: "page" | "handler";
  file: string;
  dynamicSegments: string[];
  /** HTTP methods answered: GET for a page, the exported ones for a route handler. */
  methods: string[];
};

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Methods a route handler exports (`export function GET`, `export const POST`, `export { x as GET }`). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const part of (m[1] ?? "").split(",")) found.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** Sample values for each dynamic route, from the demo seed (lib/demo/seed.ts). */
export const SAMPLE_PARAMS: Record<string, Record<string, string>[]> = {
  "/appels/[slug]": [{ slug: "donnee-administration-2021" }, { slug: "guichet-continu-petits-projets" }],
  "/instruction/appels/[slug]": [{ slug: "donnee-administration-2021" }],
  // Seeded dossier ids are random: an id nobody has (staff's view of a real
  // dossier is checked, with axe, in e2e/staff-review.spec.ts).
  "/instruction/appels/[slug]/dossiers/[id]": [{ slug: "guichet-continu-petits-projets", id: "00000000-0000-4000-8000-000000000000" }],
  "/instruction/appels/[slug]/dossiers/[id]/dossier.zip": [{ slug: "guichet-continu-petits-projets", id: "00000000-0000-4000-8000-000000000000" }],
  "/instruction/appels/[slug]/dossiers.csv": [{ slug: "donnee-administration-2021" }],
  "/instruction/appels/[slug]/dossiers.xlsx": [{ slug: "donnee-administration-2021" }],
  "/instruction/appels/[slug]/auditions": [{ slug: "donnee-administration-2021" }],
  "/instruction/appels/[slug]/statistiques": [{ slug: "donnee-administration-2021" }],
  "/instruction/appels/[slug]/exports": [{ slug: "donnee-administration-2021" }],
  // Job ids are random: one nobody has (a real job is downloaded in e2e/staff-exports.spec.ts).
  "/instruction/appels/[slug]/exports/[id]": [{ slug: "donnee-administration-2021", id: "00000000-0000-4000-8000-000000000000" }],
  // The audition call (grid editable, roster, conflicts) and the locked 2021 round (feedback drafts).
  "/instruction/appels/[slug]/jury": [{ slug: "journee-auditions-demo" }, { slug: "donnee-administration-2021" }],
  "/api/auth/[...nextauth]": [{ nextauth: "session" }, { nextauth: "csrf" }],
  "/appels/[slug]/resultats": [{ slug: "donnee-administration-2021" }],
  "/appels/[slug]/laureats/[laureate]": [{ slug: "donnee-administration-2021", laureate: "lau-2020-0001" }],
  "/appels/[slug]/donnees/subventions.csv": [{ slug: "donnee-administration-2021" }],
  "/appels/[slug]/donnees/subventions.json": [{ slug: "donnee-administration-2021" }],
  "/espace/appels/[slug]/publication": [{ slug: "donnee-administration-2021" }],
  "/espace/appels/[slug]": [{ slug: "donnee-administration-2021" }, { slug: "guichet-continu-petits-projets" }],
  "/espace/appels/[slug]/modifier": [{ slug: "donnee-administration-2021" }],
  "/espace/appels/[slug]/questions": [{ slug: "guichet-continu-petits-projets" }],
  "/espace/appels/[slug]/equipe": [{ slug: "donnee-administration-2021" }],
  "/espace/appels/[slug]/apercu": [{ slug: "donnee-administration-2021" }],
  "/espace/appels/[slug]/conservation": [{ slug: "donnee-administration-2021" }],
  "/espace/dossiers/nouveau/[slug]": [{ slug: "guichet-continu-petits-projets" }],
  "/espace/dossiers/[id]": [{ id: "00000000-0000-4000-8000-000000000000" }],
  // Seeded ids are random: a request nobody has (the expert's page of a real one: e2e/expert-opinion.spec.ts).
  "/espace/avis/[id]": [{ id: "00000000-0000-4000-8000-000000000000" }],
  "/espace/dossiers/[id]/accuse-de-reception": [{ id: "00000000-0000-4000-8000-000000000000" }],
  "/espace/dossiers/[id]/accuse-de-reception/pdf": [{ id: "00000000-0000-4000-8000-000000000000" }],
  "/espace/dossiers/[id]/pieces-jointes": [{ id: "00000000-0000-4000-8000-000000000000" }],
  "/espace/dossiers/[id]/pieces-jointes/[attachmentId]": [{ id: "00000000-0000-4000-8000-000000000000", attachmentId: "00000000-0000-4000-8000-000000000000" }],
  "/jury/[slug]": [{ slug: "journee-auditions-demo" }],
  "/jury/[slug]/presidence": [{ slug: "journee-auditions-demo" }],
  "/jury/[slug]/presidence/proces-verbal": [{ slug: "journee-auditions-demo" }],
  "/api/jury/[callId]/evaluations": [{ callId: "00000000-0000-4000-8000-000000000000" }],
};

/**
 * Pages that answer with another status than 200 in the demo state: results
 * under embargo until staff publish them (e2e/publication.spec.ts does).
 */
export const EXPECTED_STATUS: Record<string, number> = {
  "/appels/donnee-administration-2021/resultats": 404,
  "/appels/donnee-administration-2021/laureats/lau-2020-0001": 404,
};

export function listAppRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        // Private folders (_x) are not routes; route groups ((x)) add no segment.
        if (name.startsWith("_")) continue;
        walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      } else if (/^(page|route)\.(tsx|ts|jsx|js)$/.test(name)) {
        const pattern = "/" + segments.join("/");
        routes.push({
          pattern,
          kind: name.startsWith("page") ? "page" : "handler",
          file: path.relative(process.cwd(), full),
          dynamicSegments: segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[+(\.\.\.)?|\]+$/g, "")),
          methods: name.startsWith("page") ? ["GET"] : exportedMethods(readFileSync(full, "utf8")),
        });
      }
    }
  };
  walk(APP_DIR, []);
  return routes;
}

/** Concrete URLs of a route: itself when static, one per sample when dynamic. */
export function urlsFor(route: AppRoute): string[] {
  if (route.dynamicSegments.length === 0) return [route.pattern];
  const samples = SAMPLE_PARAMS[route.pattern];
  if (!samples || samples.length === 0) {
    throw new Error(`${route.file} : route dynamique sans exemple dans SAMPLE_PARAMS (e2e/routes.ts) — ajoutez-en pour que la page soit vérifiée.`);
  }
  return samples.map((params) =>
    route.pattern.replace(/\[+(?:\.\.\.)?([^\]]+)\]+/g, (_m, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`${route.file} : exemple sans valeur pour « ${key} »`);
      return value.split("/").map(encodeURIComponent).join("/");
    }),
  );
}

/** Samples given for routes that do not exist (any more). */
export function staleSamples(routes: AppRoute[]): string[] {
  const patterns = new Set(routes.map((r) => r.pattern));
  return Object.keys(SAMPLE_PARAMS).filter((p) => !patterns.has(p));
}
