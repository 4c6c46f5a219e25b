/**
 * Benchmark: 15 jurors saving scores at the same moment on audition day, as
 * the sync endpoint does (validation, conflict scope, idempotency record,
 * audit event in the same transaction). Budget: p95 under 100 ms.
 * Baseline in the same run: one juror saving alone (no contention).
 *
 * Needs a migrated database in DATABASE_URL (its own data is created under a
 * fresh call). Server modules import "server-only": run under Vitest (alias)
 * or with NODE_OPTIONS=--conditions=react-server.
 */
import { randomUUID } from "node:crypto";
import { loadActor } from "@/lib/auth/actor.queries";
import { saveEvaluation } from "@/lib/jury/jury.mutations";
import { db } from "@/lib/server/db";

export const name = "jury-scoring";
export const budgetMs = 100;

const JURORS = 15;
const KEYS = ["benefits", "technical", "sustainability", "budget"];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function setup() {
  const suffix = randomUUID().slice(0, 8);
  const ministry = await db.ministry.create({ data: { code: `B${suffix}`, name: `Ministère bench ${suffix}` }, select: { id: true } });
  const adm = await db.administration.create({ data: { name: `Administration bench ${suffix}`, kind: "CENTRAL", ministryId: ministry.id }, select: { id: true } });
  const call = await db.call.create({
    data: { slug: `bench-${suffix}`, title: "Bench", summary: "s", description: "d", kind: "CALL", phase: "AUDITIONS", opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), budgetEnvelopeCents: 100_000_000n },
    select: { id: true },
  });
  await db.criterion.createMany({ data: KEYS.map((key, position) => ({ callId: call.id, key, label: key, weight: 25, position })) });
  await db.scoringGrid.create({ data: { callId: call.id, commentMode: "OVERALL" } });
  const agenda: string[] = [];
  for (let i = 0; i < 8; i++) {
    const d = await db.dossier.create({ data: { callId: call.id, administrationId: adm.id, title: `D${i}`, summary: "s", status: "PRESELECTED" }, select: { id: true } });
    agenda.push((await db.juryDossier.create({ data: { dossierId: d.id, position: i + 1 }, select: { id: true } })).id);
  }
  const actors = [];
  for (let j = 0; j < JURORS; j++) {
    const u = await db.user.create({ data: { email: `bench-${suffix}-${j}@test.laureat.fr`, name: `Juré ${j}` }, select: { id: true } });
    await db.roleGrant.create({ data: { userId: u.id, role: "JURY", callId: call.id } });
    await db.juryMember.create({ data: { callId: call.id, userId: u.id, confidentialityAcceptedAt: new Date(), declaredAt: new Date() } });
    actors.push((await loadActor(u.id))!);
  }
  return { callId: call.id, agenda, actors };
}

export async function run(options: { rounds?: number } = {}) {
  // 24 rounds of 15 simultaneous saves: 360 samples, so that the p95 is not one unlucky round.
  const rounds = options.rounds ?? 24;
  const { callId, agenda, actors } = await setup();
  const save = async (j: number, round: number) => {
    const t = performance.now();
    const r = await saveEvaluation(actors[j]!, callId, {
      opId: randomUUID(),
      juryDossierId: agenda[round % agenda.length]!,
      scores: KEYS.map((criterionKey) => ({ criterionKey, valueHalf: (j + round) % 11 })),
      overallComment: "Note de banc d’essai.",
      submit: true,
    });
    if (!r.ok) throw new Error(`save refused: ${r.message}`);
    return performance.now() - t;
  };
  // Warm-up, then the baseline: one juror alone.
  await save(0, 0);
  const alone: number[] = [];
  for (let i = 0; i < rounds; i++) alone.push(await save(0, i + 1));
  const concurrent: number[] = [];
  for (let round = 0; round < rounds; round++) {
    concurrent.push(...(await Promise.all(actors.map((_, j) => save(j, round + 2)))));
  }
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    name,
    jurors: JURORS,
    saves: concurrent.length,
    p50Ms: r1(quantile(concurrent, 0.5)),
    p95Ms: r1(quantile(concurrent, 0.95)),
    p99Ms: r1(quantile(concurrent, 0.99)),
    baselineAloneP50Ms: r1(quantile(alone, 0.5)),
    budgetMs,
    withinBudget: quantile(concurrent, 0.95) < budgetMs,
  };
}
