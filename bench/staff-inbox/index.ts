/**
 * staff-inbox — the staff inbox of a call holding 100 000 dossiers (12
 * ministries, 300 administrations, 6 categories; bench/lib/generator.ts): a
 * filtered, sorted, searched page of 50 rows.
 *
 * Server time is measured one request at a time (no queueing in the figure),
 * every series interleaved with the others in each run:
 * - the app's own query function, `getInbox()` (lib/review/inbox.queries.ts:
 *   the call, the page, the total, the counts per status, the ministries),
 *   called in this process with the app's Prisma client;
 * - the page over HTTP, `GET /instruction/appels/<slug>?…` on the production
 *   build, with a staff session cookie (authentication, rendering included);
 * - page 1 against a deep page reached by its keyset cursor;
 * - the baseline: the main query (`inboxPageSql`, the very same SQL text and
 *   parameters) sent straight through node-postgres.
 * `EXPLAIN (ANALYZE, BUFFERS)` of the main query is kept in the results.
 */
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { benchDatabaseName, generateBenchDatabase, VOLUME_CALL_SLUG } from "../lib/generator";
import { median, percentile } from "../lib/stats";
import { measureLoad, type LoadRun, type LoadTarget } from "../lib/load";
import { startBenchServer } from "../lib/server";
import { BenchFailure, type Benchmark, type Series } from "../lib/types";

const PAGE = 50;
/** The searched list: full-text search, two statuses, a minimum amount, sorted by amount, largest first. */
const SEARCHED: Record<string, string> = { q: "tableau de bord", statut: "SUBMITTED,UNDER_REVIEW", min: "100000", tri: "requested", ordre: "desc" };
/** The whole call sorted by amount: the only list long enough for a page near 2 000. */
const WHOLE: Record<string, string> = { tri: "requested", ordre: "desc" };

// "server-only" guards the app's bundles; this process is a server. The
// module is pre-filled empty before the app's modules are imported.
function allowServerModules(): void {
  const require = createRequire(import.meta.url);
  const serverOnly = require.resolve("server-only");
  require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
}

/** One caller, one request at a time, for `durationS`: latency is server time, not queueing. */
async function sequential(work: () => Promise<void>, durationS: number): Promise<LoadRun> {
  const latencies: number[] = [];
  const until = performance.now() + durationS * 1000;
  const started = performance.now();
  while (performance.now() < until) {
    const t = performance.now();
    await work();
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    rps: latencies.length / seconds,
    requests: latencies.length,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
  };
}

function target(label: string, role: "target" | "baseline", work: () => Promise<void>, server = false): LoadTarget {
  return {
    label,
    role,
    server,
    probe: work,
    once: work,
    run: (durationS) => sequential(work, durationS),
  };
}

/** Prisma.Sql → node-postgres (BigInt bound as text, like Prisma does). */
function pgQuery(sql: Prisma.Sql): { text: string; values: unknown[] } {
  return { text: sql.text, values: sql.values.map((v) => (typeof v === "bigint" ? v.toString() : v)) };
}

export const staffInbox: Benchmark = {
  name: "staff-inbox",
  goal: "Boîte de l’équipe à 100 000 dossiers : page de 50 lignes filtrée, triée, cherchée — p95 < 100 ms (temps serveur), page ~2 000 aussi rapide que la page 1, ≤ 3× la requête SQL brute mesurée dans le même run.",
  async run(ctx) {
    const generated = await generateBenchDatabase(ctx.adminUrl, benchDatabaseName(), {}, ctx.log);
    ctx.log(`base ${benchDatabaseName()} : ${generated.counts.dossier} dossiers en ${generated.totalSeconds.toFixed(1)} s`);
    // The steady state autovacuum reaches on its own after a bulk insert (visibility map set):
    // measured now rather than whenever autovacuum happens to pass during the runs.
    const vacuum = new pg.Client({ connectionString: generated.databaseUrl });
    await vacuum.connect();
    await vacuum.query("vacuum (analyze) dossier");
    await vacuum.end();

    process.env.DATABASE_URL = generated.databaseUrl;
    process.env.DATABASE_POOL_MAX = "10";
    allowServerModules();
    const { db } = await import("@/lib/server/db");
    const { getInbox } = await import("@/lib/review/inbox.queries");
    const { loadActor } = await import("@/lib/auth/actor.queries");
    const { parseInboxParams, encodeCursor } = await import("@/lib/review/inbox.schema");
    const { inboxCallSql, inboxPageSql, inboxPageWithTotalSql, inboxSideSql, onlyStatusFilters } = await import("@/lib/review/inbox.sql");
    // The statement getInbox() sends for the rows: with the list's total when filters other than statuses apply.
    const mainSql = (params: Record<string, string>) => {
      const filters = parseInboxParams(params).filters;
      return onlyStatusFilters(filters) ? inboxPageSql(call.id, filters) : inboxPageWithTotalSql(call.id, filters);
    };

    const pool = new pg.Pool({ connectionString: generated.databaseUrl, max: 10 });
    const staffUser = await db.user.findFirstOrThrow({ where: { email: "instruction1@bench.laureat.fr" }, select: { id: true, email: true, name: true, sessionVersion: true } });
    const actor = (await loadActor(staffUser.id))!;
    const call = await db.call.findUniqueOrThrow({ where: { slug: VOLUME_CALL_SLUG }, select: { id: true } });

    /** The cursor that opens page `page` of a list (the keyset value of the row just before it). */
    const cursorFor = async (params: Record<string, string>, page: number): Promise<string> => {
      const { filters } = parseInboxParams(params);
      const sql = pgQuery(inboxPageSql(call.id, filters));
      // Same order and filters, without the limit: the last row of page `page - 1`.
      const text = sql.text.replace(/limit \$\d+\s*$/, `offset ${(page - 1) * PAGE - 1} limit 1`);
      const { rows } = await pool.query<{ id: string; sortValue: string | null }>(text, sql.values.slice(0, -1));
      if (!rows[0]) throw new BenchFailure(`la page ${page} n’existe pas pour ${new URLSearchParams(params)}`);
      return encodeCursor(rows[0].sortValue, rows[0].id);
    };
    const total = async (params: Record<string, string>) => (await getInbox(actor, VOLUME_CALL_SLUG, parseInboxParams(params).filters))!.total;

    const searchedTotal = await total(SEARCHED);
    const wholeTotal = await total(WHOLE);
    const searchedLast = Math.ceil(searchedTotal / PAGE);
    const wholeDeep = Math.min(2_000, Math.ceil(wholeTotal / PAGE));
    const lists = {
      searched1: SEARCHED,
      searchedLast: { ...SEARCHED, apres: await cursorFor(SEARCHED, searchedLast) },
      whole1: WHOLE,
      wholeDeep: { ...WHOLE, apres: await cursorFor(WHOLE, wholeDeep) },
    };

    const appCall = (params: Record<string, string>, expectRows: number) => async () => {
      const page = await getInbox(actor, VOLUME_CALL_SLUG, parseInboxParams(params).filters);
      if (!page || page.rows.length < expectRows) throw new BenchFailure(`getInbox renvoie ${page?.rows.length ?? "null"} lignes (attendu ≥ ${expectRows})`);
    };
    const bareSql = (params: Record<string, string>) => {
      const q = pgQuery(mainSql(params));
      return async () => {
        const { rows } = await pool.query(q.text, q.values);
        if (rows.length === 0) throw new BenchFailure("la requête SQL brute ne renvoie aucune ligne");
      };
    };

    /**
     * Every statement getInbox() sends, through node-postgres, in the same two
     * round trips: the call, then the page, the side data, the staff and the views at once.
     */
    const bareAll = (params: Record<string, string>) => {
      const callSql = pgQuery(inboxCallSql(VOLUME_CALL_SLUG));
      const page = pgQuery(mainSql(params));
      const side = pgQuery(inboxSideSql(call.id));
      return async () => {
        const { rows } = await pool.query<{ id: string }>(callSql.text, callSql.values);
        const id = rows[0]!.id;
        await Promise.all([
          pool.query(page.text, page.values),
          pool.query(side.text, side.values),
          pool.query(
            `select u.id, u.name, u.email from app_user u where u.disabled_at is null and exists (select 1 from role_grant g where g.user_id = u.id
               and ((g.role = 'STAFF' and (g.call_id is null or g.call_id = $1)) or (g.role = 'ADMIN' and g.call_id is null))) order by u.name`,
            [id],
          ),
          pool.query("select id, name, query from inbox_view where user_id = $1 and call_id = $2 order by name, id limit 20", [staffUser.id, id]),
        ]);
      };
    };

    // A staff session for the HTTP page, signed like the app's own (lib/auth/sign-in.mutations.ts).
    process.env.NEXTAUTH_SECRET ??= `bench-staff-inbox-${process.pid}-${Date.now()}`;
    const token = await encode({
      token: { sub: staffUser.id, email: staffUser.email, name: staffUser.name, sv: staffUser.sessionVersion },
      secret: process.env.NEXTAUTH_SECRET,
      maxAge: 3600,
    });
    const port = Number(process.env.BENCH_PORT ?? 3021);
    const server = await startBenchServer({ databaseUrl: generated.databaseUrl, port, log: ctx.log, poolMax: 10 });
    const pageUrl = (params: Record<string, string>) => `${server.baseUrl}/instruction/appels/${VOLUME_CALL_SLUG}?${new URLSearchParams(params)}`;
    const http = (params: Record<string, string>) => async () => {
      const response = await fetch(pageUrl(params), { headers: { cookie: `next-auth.session-token=${token}` }, redirect: "manual" });
      const body = await response.text();
      if (response.status !== 200) throw new BenchFailure(`GET ${pageUrl(params)} répond HTTP ${response.status}`);
      if (!body.includes("<table")) throw new BenchFailure("la page de la boîte ne contient pas de tableau");
    };

    try {
      const series = await measureLoad(
        [
          target(`getInbox() — recherche + 2 statuts + montant min., tri montant ↓, page 1 (${searchedTotal} dossiers)`, "target", appCall(lists.searched1, PAGE)),
          target(`getInbox() — même liste, page ${searchedLast} (la dernière, curseur keyset)`, "target", appCall(lists.searchedLast, 1)),
          target("getInbox() — tout l’appel, tri montant ↓, page 1", "target", appCall(lists.whole1, PAGE)),
          target(`getInbox() — tout l’appel, tri montant ↓, page ${wholeDeep} (curseur keyset)`, "target", appCall(lists.wholeDeep, 1)),
          target("GET page HTTP (build de production) — recherche, page 1", "target", http(lists.searched1), true),
          target(`GET page HTTP (build de production) — tout l’appel, page ${wholeDeep}`, "target", http(lists.wholeDeep), true),
          target("SQL brut (node-postgres) — requête principale, recherche, page 1", "baseline", bareSql(lists.searched1)),
          target(`SQL brut (node-postgres) — requête principale, tout l’appel, page ${wholeDeep}`, "baseline", bareSql(lists.wholeDeep)),
          target("SQL brut (node-postgres) — toutes les requêtes de getInbox(), recherche, page 1", "baseline", bareAll(lists.searched1)),
          target(`SQL brut (node-postgres) — toutes les requêtes de getInbox(), tout l’appel, page ${wholeDeep}`, "baseline", bareAll(lists.wholeDeep)),
        ],
        { runs: ctx.runs, durationS: ctx.durationS, warmupS: 2, log: ctx.log, rssMb: server.rssMb, queryCount: server.queryCount },
      );

      const explain = async (label: string, params: Record<string, string>) => {
        const q = pgQuery(mainSql(params));
        const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.text}`, q.values);
        return { title: `EXPLAIN (ANALYZE, BUFFERS) — ${label}`, text: `${q.text.trim()}\n\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}` };
      };
      const appendix = [
        await explain("requête principale, recherche, page 1", lists.searched1),
        await explain(`requête principale, recherche, page ${searchedLast}`, lists.searchedLast),
        await explain(`requête principale, tout l’appel, page ${wholeDeep}`, lists.wholeDeep),
      ];

      const [s1, sLast, w1, wDeep, h1, hDeep, b1, bDeep, a1, aDeep] = series as [Series, Series, Series, Series, Series, Series, Series, Series, Series, Series];
      const worstP95 = Math.max(s1.p95Ms!, sLast.p95Ms!, w1.p95Ms!, wDeep.p95Ms!);
      return {
        series,
        ratios: [
          { label: "p50 getInbox() / SQL brut, recherche page 1", value: s1.p50Ms! / b1.p50Ms!, meaning: "objectif ≤ 3 : ce que l’app (Prisma, total, compteurs par statut, ministères) ajoute à la requête principale" },
          { label: `p50 getInbox() / SQL brut, page ${wholeDeep}`, value: wDeep.p50Ms! / bDeep.p50Ms!, meaning: "objectif ≤ 3, sur une page profonde" },
          { label: "p50 getInbox() / les mêmes requêtes en SQL brut, recherche page 1", value: s1.p50Ms! / a1.p50Ms!, meaning: "objectif ≤ 3 : ce que Prisma et l’app ajoutent à PostgreSQL pour le même travail" },
          { label: `p50 getInbox() / les mêmes requêtes en SQL brut, page ${wholeDeep}`, value: wDeep.p50Ms! / aDeep.p50Ms!, meaning: "objectif ≤ 3, page profonde" },
          { label: `p50 page ${wholeDeep} / page 1 (getInbox, tout l’appel)`, value: wDeep.p50Ms! / w1.p50Ms!, meaning: "≈ 1 : le curseur keyset ne relit pas les pages précédentes" },
          { label: `p50 page ${searchedLast} / page 1 (getInbox, recherche)`, value: sLast.p50Ms! / s1.p50Ms!, meaning: "≈ 1 sur la liste cherchée" },
          { label: "p50 page HTTP / getInbox(), recherche page 1", value: h1.p50Ms! / s1.p50Ms!, meaning: "ce qu’ajoutent session, rendu React et HTTP" },
          { label: "p95 getInbox() le plus lent (ms)", value: worstP95, meaning: "objectif < 100 ms" },
        ],
        notes: [
          `Temps serveur : un seul appelant, une requête à la fois (aucune file d’attente), ${ctx.runs} runs de ${ctx.durationS} s par série, séries alternées, échauffement 2 s ; médiane des runs.`,
          `Liste cherchée : ${new URLSearchParams(SEARCHED)} → ${searchedTotal} dossiers, ${searchedLast} pages ; tout l’appel (brouillons exclus) : ${wholeTotal} dossiers, page profonde ${wholeDeep}.`,
          "getInbox() et le SQL brut tournent dans le processus du banc (pool Prisma de 10, pool node-postgres de 10) ; la page HTTP est servie par `next start` (pool de 10), cookie de session d’un instructeur signé avec le secret du serveur.",
          `Base générée (graine fixe) : ${Object.entries(generated.counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`,
          `p50 médians : getInbox ${[s1, sLast, w1, wDeep].map((s) => s.p50Ms!.toFixed(1)).join(" / ")} ms ; HTTP ${[h1, hDeep].map((s) => s.p50Ms!.toFixed(1)).join(" / ")} ms ; SQL brut (requête principale) ${[b1, bDeep].map((s) => s.p50Ms!.toFixed(1)).join(" / ")} ms ; SQL brut (toutes les requêtes) ${[a1, aDeep].map((s) => s.p50Ms!.toFixed(1)).join(" / ")} ms (médiane de tous les p95 getInbox : ${median([s1, sLast, w1, wDeep].map((s) => s.p95Ms!)).toFixed(1)} ms).`,
        ],
        appendix,
      };
    } finally {
      await server.stop();
      await pool.end();
      await db.$disconnect();
    }
  },
};
