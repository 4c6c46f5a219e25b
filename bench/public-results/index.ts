/**
 * Benchmark « public-results »: requests per second on the public results
 * page under load (autocannon, 50 connections), against a static file of the
 * same size served by the same production server in the same run, with p99
 * latency and the database queries per request (counted by the app itself:
 * LAUREAT_QUERY_COUNTER=1, see lib/server/query-counter.ts).
 *
 * Self-contained: its own database (TEST_DATABASE_URL's PostgreSQL server, or
 * an embedded PGlite), the demo data with the 2021 results published, the
 * production build, `next start` on BENCH_PORT (default 3052).
 *
 *   npx tsx bench/public-results/index.ts        (or `run()` from a harness)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { seedDemo, DEMO_CALL_SLUG } from "@/lib/demo/seed";
import { createFreshDatabase, dropDatabase, migrate, startEmbeddedDatabase } from "@/lib/server/database";
import { createPrismaClient } from "@/lib/server/prisma";
import { ensureBuild } from "../../scripts/build";

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (options: { url: string; connections: number; duration: number; pipelining?: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export type Measure = { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

export type PublicResultsBench = {
  name: "public-results";
  url: string;
  bytes: number;
  connections: number;
  durationSeconds: number;
  staticFile: Measure;
  resultsPage: Measure;
  /** resultsPage.rps / staticFile.rps; the target is ≥ 0.5. */
  ratio: number;
  /** SQL statements for the first (uncached) view, then per request under load once cached (target 0). */
  queriesFirstView: number;
  queriesPerRequest: number;
  pass: boolean;
  criteria: { ratio: ">= 0.5"; p99Ms: "< 100"; queriesPerRequest: "0" };
};

export type RunOptions = { port?: number; connections?: number; durationSeconds?: number; log?: (line: string) => void };

const ROOT = process.cwd();
const STATIC_NAME = "bench-public-results-static.html";

export async function run(options: RunOptions = {}): Promise<PublicResultsBench> {
  const port = options.port ?? Number(process.env.BENCH_PORT ?? 3052);
  const connections = options.connections ?? 50;
  const duration = options.durationSeconds ?? Number(process.env.BENCH_DURATION ?? 10);
  const log = options.log ?? ((line: string) => console.log(`[public-results] ${line}`));
  const workDir = path.resolve(".data", "bench-public-results");
  const staticPath = path.join(ROOT, "public", STATIC_NAME);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });

  const server = process.env.TEST_DATABASE_URL;
  const dbName = process.env.BENCH_DATABASE_NAME ?? "publication_bench";
  // Without the background workers (LAUREAT_WORKERS=0): their polling every 2 s (outbox, exports) would be
  // counted as the page's SQL; measured with them, 17 statements in a 10-second run, none from the page.
  const appEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LAUREAT_DEMO: "1", LAUREAT_QUERY_COUNTER: "1", LAUREAT_WORKERS: "0", NEXT_TELEMETRY_DISABLED: "1" };

  // Demo data with the 2021 results published, before the app runs (the
  // embedded database serves one session at a time).
  let url: string;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (server) {
    url = await createFreshDatabase(server, dbName);
    appEnv.DATABASE_URL = url;
  } else {
    const embeddedPort = Number(process.env.BENCH_DB_PORT ?? 54452);
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(workDir, "pglite"), port: embeddedPort });
    url = embedded.url;
    stopEmbedded = embedded.stop;
    delete appEnv.DATABASE_URL;
    appEnv.LAUREAT_DATA_DIR = workDir;
    appEnv.LAUREAT_EMBEDDED_DB_PORT = String(embeddedPort);
  }
  await migrate(url, { quiet: true });
  const prisma = createPrismaClient(url, 1);
  try {
    await seedDemo(prisma);
    await prisma.$executeRaw`update call set phase = 'RESULTS_PUBLISHED', results_published_at = now() where slug = ${DEMO_CALL_SLUG} and results_published_at is null`;
  } finally {
    await prisma.$disconnect();
  }
  await stopEmbedded?.();

  await ensureBuild();
  const base = `http://127.0.0.1:${port}`;
  const pageUrl = `${base}/appels/${DEMO_CALL_SLUG}/resultats`;
  let app: ChildProcess | null = null;
  try {
    // A static file the size of the page, written before the server starts.
    app = await startApp(appEnv, base);
    const firstView = await fetch(pageUrl);
    if (firstView.status !== 200) throw new Error(`results page answered ${firstView.status}`);
    const html = await firstView.text();
    const queriesFirstView = await queries(base);
    await stopApp(app);
    mkdirSync(path.dirname(staticPath), { recursive: true });
    writeFileSync(staticPath, html);

    // The cache lives in memory (next.config.ts): warm it after the restart.
    app = await startApp(appEnv, base);
    await (await fetch(pageUrl)).text();

    log(`static file ${STATIC_NAME} (${html.length} bytes), ${connections} connections, ${duration} s`);
    const staticFile = measure(await autocannon({ url: `${base}/${STATIC_NAME}`, connections, duration }));
    log(`static file: ${staticFile.rps.toFixed(0)} req/s, p99 ${staticFile.p99Ms} ms`);
    const atStart = await queries(base);
    const resultsPage = measure(await autocannon({ url: pageUrl, connections, duration }));
    // The metrics request itself sends no SQL.
    const queriesPerRequest = ((await queries(base)) - atStart) / Math.max(1, resultsPage.requests);
    log(`results page: ${resultsPage.rps.toFixed(0)} req/s, p99 ${resultsPage.p99Ms} ms, ${queriesPerRequest} queries/request`);

    const ratio = resultsPage.rps / staticFile.rps;
    return {
      name: "public-results",
      url: pageUrl,
      bytes: Buffer.byteLength(html),
      connections,
      durationSeconds: duration,
      staticFile,
      resultsPage,
      ratio,
      queriesFirstView,
      queriesPerRequest,
      pass: ratio >= 0.5 && resultsPage.p99Ms < 100 && queriesPerRequest === 0 && resultsPage.non2xx === 0 && resultsPage.errors === 0,
      criteria: { ratio: ">= 0.5", p99Ms: "< 100", queriesPerRequest: "0" },
    };
  } finally {
    if (app) await stopApp(app);
    rmSync(staticPath, { force: true });
    if (server) await dropDatabase(server, dbName).catch(() => {});
  }
}

/** Statements sent so far by the server (lib/server/query-counter.ts). */
async function queries(base: string): Promise<number> {
  const response = await fetch(`${base}/api/metrics/queries`);
  if (!response.ok) throw new Error(`query counter answered ${response.status}`);
  return ((await response.json()) as { statements: number }).statements;
}

function measure(r: AutocannonResult): Measure {
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function startApp(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      if ((await fetch(base)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopApp(child);
  throw new Error(`the app did not answer at ${base}`);
}

/** The launcher and its `next start` child form one process group. */
async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await exited;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(result.pass ? 0 : 1);
    },
    (error: unknown) => {
      console.error("[public-results]", error);
      process.exit(1);
    },
  );
}
