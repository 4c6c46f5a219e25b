/**
 * public-call — the public page of a call with published results, on a
 * database holding 100 000 other dossiers, under 50 concurrent connections.
 * Baselines measured in the same run, interleaved with the target:
 * - a static file of about the page's size, served by the same Next server
 *   from public/ (what the HTTP stack costs without rendering or database);
 * - the page's SQL sent straight to PostgreSQL (what the database costs).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { benchDatabaseName, generateBenchDatabase, PUBLISHED_CALL_SLUG } from "../lib/generator";
import { httpTarget, measureLoad, type LoadTarget } from "../lib/load";
import { startBenchServer } from "../lib/server";
import { sqlRun } from "../lib/sql";
import { BenchFailure, type Benchmark } from "../lib/types";

const CONNECTIONS = 50;
const POOL_MAX = 10;
const STATIC_BYTES = 44_000;
const STATIC_PATH = "/bench/reference-44k.html";

/** The statements the page needs, as a developer would write them by hand. */
async function pageSql(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ id: string }>(
    `select id, slug, title, summary, description, kind, phase, themes, opens_at, closes_at, results_published_at,
            budget_envelope_cents, max_requested_cents
       from call where slug = $1 and phase <> 'DRAFT'`,
    [PUBLISHED_CALL_SLUG],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("appel absent de la base de mesure");
  await Promise.all([
    pool.query(`select key, label from call_category where call_id = $1 order by position`, [id]),
    pool.query(`select key, label, weight from criterion where call_id = $1 order by position`, [id]),
    pool.query(`select d.status, d.administration_id, a.ministry_id from dossier d join administration a on a.id = d.administration_id where d.call_id = $1`, [id]),
  ]);
}

/** A static HTML document of STATIC_BYTES bytes, written before the server starts (Next reads public/ at start). */
function writeStaticReference(): void {
  const dir = path.resolve("public", "bench");
  mkdirSync(dir, { recursive: true });
  const head = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Référence statique</title></head><body><main>`;
  const tail = `</main></body></html>\n`;
  let body = "";
  for (let i = 0; (head + body + tail).length < STATIC_BYTES; i++) body += `<p>Paragraphe de référence n° ${i} : contenu statique de taille comparable à la page d’un appel.</p>\n`;
  writeFileSync(path.join(dir, path.basename(STATIC_PATH)), (head + body + tail).slice(0, STATIC_BYTES - tail.length) + tail);
}

export const publicCall: Benchmark = {
  name: "public-call",
  goal: "Page publique d’un appel (résultats publiés) sous 50 connexions, base de 100 000 dossiers : rapport au fichier statique et au SQL brut.",
  async run(ctx) {
    const generated = await generateBenchDatabase(ctx.adminUrl, benchDatabaseName(), {}, ctx.log);
    ctx.log(`base ${benchDatabaseName()} : ${generated.counts.dossier} dossiers en ${generated.totalSeconds.toFixed(1)} s`);
    writeStaticReference();
    const port = Number(process.env.BENCH_PORT ?? 3021);
    const server = await startBenchServer({ databaseUrl: generated.databaseUrl, port, log: ctx.log, poolMax: POOL_MAX });
    try {
      const pageUrl = `${server.baseUrl}/appels/${PUBLISHED_CALL_SLUG}`;
      const page = await fetch(pageUrl);
      const pageBytes = (await page.arrayBuffer()).byteLength;
      if (!page.ok) throw new BenchFailure(`la page ${pageUrl} répond HTTP ${page.status}`);
      const sqlTarget: LoadTarget = {
        label: "SQL de la page (node-postgres direct)",
        role: "baseline",
        probe: () => sqlRun(generated.databaseUrl, pageSql, { concurrency: 1, durationS: 0.2, poolMax: 1 }).then(() => {}),
        run: (durationS) => sqlRun(generated.databaseUrl, pageSql, { concurrency: CONNECTIONS, durationS, poolMax: POOL_MAX }),
      };
      const series = await measureLoad(
        [
          httpTarget(`GET /appels/${PUBLISHED_CALL_SLUG}`, "target", pageUrl, CONNECTIONS, { server: true }),
          httpTarget(`GET ${STATIC_PATH} (fichier statique)`, "baseline", `${server.baseUrl}${STATIC_PATH}`, CONNECTIONS, { server: true }),
          sqlTarget,
        ],
        { runs: ctx.runs, durationS: ctx.durationS, warmupS: 3, log: ctx.log, rssMb: server.rssMb, queryCount: server.queryCount },
      );
      const [pageS, staticS, sqlS] = series as [typeof series[0], typeof series[0], typeof series[0]];
      if ((pageS.errors ?? 0) + (pageS.non2xx ?? 0) > 0) ctx.log(`attention : ${pageS.errors} erreurs et ${pageS.non2xx} réponses non-2xx sur la page`);
      return {
        series,
        ratios: [
          { label: "latence p50 page / fichier statique", value: pageS.p50Ms! / staticS.p50Ms!, meaning: "coût du rendu et de la base par rapport au seul serveur HTTP" },
          { label: "débit fichier statique / page", value: staticS.throughput! / pageS.throughput!, meaning: "combien de fois plus de fichiers statiques que de pages par seconde" },
          { label: "latence p50 page / SQL brut", value: pageS.p50Ms! / sqlS.p50Ms!, meaning: "ce que Next.js, React et Prisma ajoutent à PostgreSQL" },
        ],
        notes: [
          `${CONNECTIONS} connexions, ${ctx.runs} runs de ${ctx.durationS} s par série (alternés), échauffement 3 s ; pool de ${POOL_MAX} connexions PostgreSQL côté app et côté référence SQL.`,
          `Page : ${pageBytes.toLocaleString("fr-FR")} octets ; fichier statique : ${STATIC_BYTES.toLocaleString("fr-FR")} octets.`,
          `Base générée (graine fixe) : ${Object.entries(generated.counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`,
          "Requêtes SQL / req : compteur de l’app (LAUREAT_QUERY_COUNTER=1), sur 20 requêtes envoyées une à une, serveur au repos, après les runs.",
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
