/** The measurement itself; started by index.ts with the react-server condition. */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { createFreshDatabase, dropDatabase, migrate } from "@/lib/server/database";
import { defaultPoolMax } from "@/lib/server/pool-size";
import type { BenchResult } from "./index";

// "server-only" guards the app's bundles; this process is a server. tsx's
// CommonJS loader ignores --conditions, so the module is pre-filled empty.
const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const APPLICANTS = Number(process.env.SURGE_APPLICANTS ?? 200);
const SERVER = process.env.SURGE_SERVER_URL!;
// The app's default pool (2 × cores + 1), for the mutation and both baselines.
const POOL = defaultPoolMax();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<BenchResult> {
  const name = `laureat_bench_surge_${process.pid}`;
  const url = await createFreshDatabase(SERVER, name);
  try {
    await migrate(url, { quiet: true });
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_MAX = String(POOL);
    const { db } = await import("@/lib/server/db");
    const { submitDossier } = await import("@/lib/dossiers/dossier.mutations");
    const { COMPLETE_STEPS } = await import("@/lib/dossiers/dossier.fixtures");
    await seedDemo(db);

    // A call closing in one minute, and 200 administrations with one complete draft each.
    const ministry = await db.ministry.findFirstOrThrow({ select: { id: true } });
    const callId = randomUUID();
    const now = new Date();
    await db.call.create({
      data: {
        id: callId, slug: "bench-derniere-minute", title: "Appel de charge", summary: "s", description: "d", kind: "CALL", phase: "OPEN",
        opensAt: new Date(now.getTime() - 86_400_000), closesAt: new Date(now.getTime() + 120_000), budgetEnvelopeCents: 100_000_000_00n, maxRequestedCents: 100_000_00n,
        categories: { create: [{ key: "donnees", label: "Données", position: 0 }] },
      },
    });
    const actors: Actor[] = [];
    const dossierIds: string[] = [];
    const content = { ...COMPLETE_STEPS, category: { categoryKey: "donnees" } };
    for (let i = 0; i < APPLICANTS; i++) {
      const administrationId = randomUUID();
      const userId = randomUUID();
      actors.push({ userId, email: `bench-${i}@example.gouv.fr`, name: `Agent ${i}`, administrationId, ministryId: ministry.id, grants: [{ role: "APPLICANT", callId: null }] });
      dossierIds.push(randomUUID());
    }
    await db.administration.createMany({ data: actors.map((a, i) => ({ id: a.administrationId!, ministryId: ministry.id, name: `Administration de charge ${i}`, kind: "CENTRAL" as const })) });
    await db.user.createMany({ data: actors.map((a) => ({ id: a.userId, email: a.email, name: a.name, administrationId: a.administrationId })) });
    await db.dossier.createMany({
      data: actors.map((a, i) => ({ id: dossierIds[i]!, callId, administrationId: a.administrationId!, createdById: a.userId, title: "", summary: "", content: content as object })),
    });
    // Warm-up: connections and query plans, outside the measure.
    await db.$queryRaw`select 1`;

    const latencies: number[] = [];
    let failed = 0;
    const failures: string[] = [];
    const start = performance.now();
    await Promise.all(
      actors.map(async (actor, i) => {
        const t0 = performance.now();
        try {
          const r = await submitDossier(actor, { dossierId: dossierIds[i], idempotencyKey: randomUUID() });
          if (!r.ok) {
            failed++;
            failures.push(`${r.code}: ${r.message}`);
          }
        } catch (error) {
          failed++;
          failures.push(error instanceof Error ? error.message.slice(0, 200) : String(error));
        }
        latencies.push(performance.now() - t0);
      }),
    );
    const submitWall = performance.now() - start;

    const submitted = await db.dossier.count({ where: { callId, status: "SUBMITTED", reference: { not: null } } });
    const references = await db.dossier.findMany({ where: { callId }, select: { reference: true } });
    const distinct = new Set(references.map((r) => r.reference).filter(Boolean)).size;
    const mails = await db.mailOutbox.count({ where: { dedupeKey: { startsWith: "dossier-ack:" } } });
    const lost = APPLICANTS - failed - Math.min(submitted, distinct, mails);

    // Baseline: the same rows inserted raw, same pool size, same concurrency.
    const raw = new pg.Pool({ connectionString: url, max: POOL });
    // The scratch database is dropped WITH (FORCE) at the end: a client still idle then is not a failure.
    raw.on("error", () => {});
    await raw.query("create table dossier_raw (like dossier including defaults)");
    await raw.query("select 1");
    const rows = await raw.query<{ content: unknown }>("select content from dossier where call_id = $1 limit 1", [callId]);
    const rawStart = performance.now();
    await Promise.all(
      actors.map((a, i) =>
        raw.query(
          `insert into dossier_raw (id, call_id, administration_id, created_by_id, title, summary, status, content, reference, submitted_at, requested_cents, total_cost_cents)
           values ($1, $2, $3, $4, $5, $6, 'SUBMITTED', $7, $8, now(), $9, $10)`,
          [randomUUID(), callId, a.administrationId, a.userId, "Tableau de bord", "Résumé", rows.rows[0]!.content, `RAW-${i}`, 75_000_00, 150_000_00],
        ),
      ),
    );
    const rawWall = performance.now() - rawStart;

    // Baseline 2, the goal's: every row a submission writes — the dossier, its
    // history event, the acknowledgement e-mail in the outbox and the audit
    // event — inserted raw, one statement per applicant (the fastest raw form),
    // into copies of the tables with their indexes, same pool, same concurrency.
    for (const table of ["dossier", "dossier_event", "mail_outbox", "audit_event"]) {
      await raw.query(`create table ${table}_same (like ${table} including defaults including indexes)`);
    }
    const sameRowsSql = `with d as (
             insert into dossier_same (id, call_id, administration_id, created_by_id, title, summary, status, content, reference, submitted_at, requested_cents, total_cost_cents, version)
             values ($1, $2, $3, $4, $5, $6, 'SUBMITTED', $7, $8, now(), $9, $10, 2) returning id),
           e as (insert into dossier_event_same (id, dossier_id, status, message, actor_id, idempotency_key, at)
             select $11, d.id, 'SUBMITTED', $12, $4, $13, now() from d),
           m as (insert into mail_outbox_same (id, dedupe_key, "to", subject, text) values ($14, $15, $16, $17, $18))
           insert into audit_event_same (at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
           select now(), $4, 'dossier.submitted', 'dossier', d.id::text, $19::jsonb, null, encode(sha256(convert_to($19::text, 'UTF8')), 'hex') from d`;
    const sameRowsValues = (a: Actor, reference: string) => [
      randomUUID(), callId, a.administrationId, a.userId, "Tableau de bord", "Résumé", rows.rows[0]!.content, reference, 75_000_00, 150_000_00,
      randomUUID(), `Dossier déposé (n° ${reference}).`, randomUUID(),
      randomUUID(), `dossier-ack:${randomUUID()}`, a.email, `Accusé de réception — dossier ${reference}`, `Votre dossier a bien été déposé (n° ${reference}).`,
      JSON.stringify({ reference, resubmission: false }),
    ];
    const sameStart = performance.now();
    await Promise.all(actors.map((a, i) => raw.query(sameRowsSql, sameRowsValues(a, `RAW-${i}`))));
    const sameWall = performance.now() - sameStart;

    // The same, as a named prepared statement (parsed and planned once per
    // connection), as the app's hot statements are (lib/server/hot-sql.ts):
    // published alongside, so that the ratio is also read against the raw
    // insert given the same advantage. Each connection prepares it first, outside the measure.
    const prepared = { name: "bench_same_rows", text: sameRowsSql };
    await Promise.all(
      Array.from({ length: POOL }, async (_, i) => {
        const client = await raw.connect();
        try {
          await client.query({ ...prepared, values: sameRowsValues(actors[i]!, `RAW-WARM-${i}`) });
        } finally {
          client.release();
        }
      }),
    );
    const preparedStart = performance.now();
    await Promise.all(actors.map((a, i) => raw.query({ ...prepared, values: sameRowsValues(a, `RAW-P-${i}`) })));
    const preparedWall = performance.now() - preparedStart;
    await raw.end();
    await db.$disconnect();

    latencies.sort((a, b) => a - b);
    const throughput = (APPLICANTS - failed) / (submitWall / 1000);
    const rawThroughput = APPLICANTS / (rawWall / 1000);
    const sameRowsThroughput = APPLICANTS / (sameWall / 1000);
    const preparedThroughput = APPLICANTS / (preparedWall / 1000);
    const metrics = {
      applicants: APPLICANTS,
      failed,
      lost,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(latencies[latencies.length - 1]!),
      wallMs: Math.round(submitWall),
      throughputPerS: Math.round(throughput * 10) / 10,
      rawInsertThroughputPerS: Math.round(rawThroughput * 10) / 10,
      ratioToRaw: Math.round((throughput / rawThroughput) * 1000) / 1000,
      sameRowsInsertThroughputPerS: Math.round(sameRowsThroughput * 10) / 10,
      ratioToSameRows: Math.round((throughput / sameRowsThroughput) * 1000) / 1000,
      preparedSameRowsInsertThroughputPerS: Math.round(preparedThroughput * 10) / 10,
      ratioToPreparedSameRows: Math.round((throughput / preparedThroughput) * 1000) / 1000,
    };
    const ok = failed === 0 && lost === 0 && metrics.p99Ms < 1000 && metrics.ratioToSameRows >= 0.3;
    return { name: "deadline-surge", ok, metrics, notes: failures.slice(0, 5) };
  } finally {
    await dropDatabase(SERVER, name).catch(() => {});
  }
}

main().then(
  (result) => {
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
