/**
 * Fault drills on the real mutations (issue 3): the connection serving a
 * dossier submission is cut just before the last statement of its transaction
 * (the audit append) — every other row is written but not committed. A jury
 * score save is one statement (jury_evaluation_write): its connection is cut
 * before the statement, then, on a PostgreSQL server, inside it, once every
 * row is written and the audit chain's lock awaited. The person gets the French RETRYABLE answer,
 * nothing is half-written, and a retry with the same idempotency key (the
 * submission's key, the offline queue's opId) writes exactly once, even when
 * it is repeated.
 *
 * The app's one Prisma client (lib/server/db.ts) is replaced, for this file,
 * by one on a pool whose clients can be cut (lib/testing/faults.ts).
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg, { Client as PgClient } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { verifyAuditChain } from "@/lib/audit/audit";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { attachPool } from "@/lib/server/prisma";
import { RETRYABLE_MESSAGE } from "@/lib/server/retry";
import { dropConnection, trackedPool, type DropMethod } from "./faults";

const kind = inject("databaseKind");
const databaseUrl = inject("databaseUrl");
const { pool, clients } = trackedPool(databaseUrl, kind === "embedded" ? 1 : 5);

/** Armed: the next statement whose text contains `marker` first has its connection cut. */
let armed: { marker: string; done: (method: DropMethod) => void } | null = null;
type Query = (...args: unknown[]) => Promise<unknown>;
pool.on("connect", (client: pg.PoolClient) => {
  const original = client.query.bind(client) as unknown as Query;
  (client as unknown as { query: Query }).query = async (...args: unknown[]) => {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "");
    if (armed && text.includes(armed.marker)) {
      const { done } = armed;
      armed = null;
      done(await dropConnection({ pid: (client as unknown as { processID: number }).processID, kind, databaseUrl, clients }));
    }
    return original(...args);
  };
});
const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
(globalThis as unknown as { laureatDb?: PrismaClient }).laureatDb = prisma;
// The hot statements (lib/server/hot-sql.ts) run on the same pool, whose connections can be cut.
attachPool(prisma, pool);

function arm(marker: string): () => DropMethod | undefined {
  let method: DropMethod | undefined;
  armed = { marker, done: (m) => (method = m) };
  return () => method;
}

// Imported after the client is in place (the modules read it lazily anyway).
const { loadActor } = await import("@/lib/auth/actor.queries");
const { seedDemo, DEMO_ROLLING_SLUG } = await import("@/lib/demo/seed");
const { DEMO_JURY_CALL_SLUG } = await import("@/lib/demo/seed-jury");
const { submitDossier } = await import("@/lib/dossiers/dossier.mutations");
const { saveEvaluation } = await import("@/lib/jury/jury.mutations");
const { COMPLETE_STEPS } = await import("@/lib/dossiers/dossier.fixtures");

const actorByEmail = async (email: string): Promise<Actor> => (await loadActor((await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id))!;

beforeAll(async () => {
  await seedDemo(prisma);
});
afterAll(async () => {
  armed = null;
  await prisma.$disconnect();
  await pool.end().catch(() => {});
});

/**
 * On a PostgreSQL server: cuts the connection *inside* a mutation's one write
 * statement. Another session holds the audit chain's lock, so the statement
 * stops at its last step — every row written, none committed (checked with
 * `uncommitted`, which must count 0 from outside) — then its backend is
 * terminated. (The embedded database serves one connection: no second session
 * can hold the lock there.)
 */
async function cutInsideStatement<T>(statement: string, mutation: () => Promise<T>, uncommitted: string, params: unknown[]): Promise<T> {
  const holder = new PgClient({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("select pg_advisory_xact_lock(742001)");
    const pending = mutation();
    let pid: number | undefined;
    await expect
      .poll(
        async () => {
          // pg_stat_activity is frozen for the rest of a transaction once read: drop that snapshot.
          await holder.query("select pg_stat_clear_snapshot()");
          const { rows } = await holder.query<{ pid: number }>(
            "select pid from pg_stat_activity where query like $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
            [`%${statement}(%`],
          );
          pid = rows[0]?.pid;
          return pid;
        },
        { timeout: 10_000 },
      )
      .toBeTypeOf("number");
    expect((await holder.query<{ n: number }>(uncommitted, params)).rows[0]!.n).toBe(0);
    await holder.query("select pg_terminate_backend($1)", [pid]);
    return await pending;
  } finally {
    await holder.query("rollback").catch(() => {});
    await holder.end();
  }
}

const DROP = kind === "server" ? "pg_terminate_backend" : "socket destroyed";

describe(`fault drills on the real mutations (${kind === "server" ? "pg_terminate_backend" : "client socket destroyed"})`, () => {
  it("dossier submission: RETRYABLE, nothing half-written; the retry with the same key submits once, a repeat returns the same receipt", async () => {
    const applicant = await actorByEmail("candidat@demo.laureat.fr");
    const categoryKey = (await prisma.callCategory.findFirstOrThrow({ where: { call: { slug: DEMO_ROLLING_SLUG } }, orderBy: { position: "asc" }, select: { key: true } })).key;
    // A complete draft, ready to submit.
    const content = { ...COMPLETE_STEPS, category: { categoryKey } };
    const draft = await prisma.dossier.create({
      data: { callId: (await prisma.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true } })).id, administrationId: applicant.administrationId!, createdById: applicant.userId, title: "", summary: "", content: content as object },
      select: { id: true },
    });
    const state = async () =>
      JSON.stringify([
        await prisma.dossier.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, reference: true, submittedAt: true, version: true } }),
        await prisma.dossierEvent.count({ where: { dossierId: draft.id } }),
        await prisma.mailOutbox.count({ where: { dedupeKey: { startsWith: "dossier-ack:" } } }),
        await prisma.auditEvent.count(),
      ]);
    const before = await state();
    const idempotencyKey = randomUUID();

    if (kind === "server") {
      expect(await cutInsideStatement("dossier_submit_write", () => submitDossier(applicant, { dossierId: draft.id, idempotencyKey }), "select count(*)::int as n from dossier_event where idempotency_key = $1", [idempotencyKey])).toEqual({
        ok: false,
        code: "RETRYABLE",
        message: RETRYABLE_MESSAGE,
      });
      expect(await state()).toBe(before);
    }

    const method = arm("dossier_submit_write");
    const first = await submitDossier(applicant, { dossierId: draft.id, idempotencyKey });
    // The pool reports the cut as soon as the backend dies, possibly before the drill's own connection has closed.
    await expect.poll(method).toBe(DROP);
    expect(first).toEqual({ ok: false, code: "RETRYABLE", message: RETRYABLE_MESSAGE });
    expect(await state()).toBe(before);

    const retry = await submitDossier(applicant, { dossierId: draft.id, idempotencyKey });
    expect(retry).toMatchObject({ ok: true, data: { replayed: false } });
    const again = await submitDossier(applicant, { dossierId: draft.id, idempotencyKey });
    expect(again).toMatchObject({ ok: true, data: { replayed: true, reference: retry.ok ? retry.data.reference : "" } });
    expect(await prisma.dossier.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true } })).toEqual({ status: "SUBMITTED" });
    expect(await prisma.dossierEvent.count({ where: { dossierId: draft.id, status: "SUBMITTED" } })).toBe(1);
    expect(await prisma.mailOutbox.count({ where: { dedupeKey: `dossier-ack:${idempotencyKey}` } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "dossier.submitted", entityId: draft.id } })).toBe(1);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("jury score save: RETRYABLE (503 for the offline queue), nothing half-written; the replay of the same opId saves once", async () => {
    // jure3 has accepted the terms and declared (demo); the first dossier of the day is not the one they are conflicted on.
    const juror = await actorByEmail("jure3@demo.laureat.fr");
    const call = await prisma.call.findUniqueOrThrow({ where: { slug: DEMO_JURY_CALL_SLUG }, select: { id: true, criteria: { select: { key: true } } } });
    const target = await prisma.juryDossier.findFirstOrThrow({ where: { dossier: { callId: call.id }, position: 1 }, select: { id: true } });
    const op = {
      opId: `drill-${randomUUID()}`,
      juryDossierId: target.id,
      scores: call.criteria.map((c) => ({ criterionKey: c.key, valueHalf: 7 })),
      overallComment: "Audition solide, budget cohérent.",
      submit: true,
    };
    const state = async () =>
      JSON.stringify([
        await prisma.juryEvaluation.count({ where: { juryDossierId: target.id } }),
        await prisma.juryScore.count({ where: { evaluation: { juryDossierId: target.id } } }),
        await prisma.juryOperation.count({ where: { opId: op.opId } }),
        await prisma.auditEvent.count(),
      ]);
    const before = await state();

    if (kind === "server") {
      expect(await cutInsideStatement("jury_evaluation_write", () => saveEvaluation(juror, call.id, op), "select count(*)::int as n from jury_operation where op_id = $1", [op.opId])).toEqual({
        ok: false,
        code: "RETRYABLE",
        message: RETRYABLE_MESSAGE,
      });
      expect(await state()).toBe(before);
    }

    const method = arm("jury_evaluation_write");
    const first = await saveEvaluation(juror, call.id, op);
    // The pool reports the cut as soon as the backend dies, possibly before the drill's own connection has closed.
    await expect.poll(method).toBe(DROP);
    expect(first).toEqual({ ok: false, code: "RETRYABLE", message: RETRYABLE_MESSAGE });
    expect(await state()).toBe(before);

    expect(await saveEvaluation(juror, call.id, op)).toMatchObject({ ok: true, data: { revision: 1, submitted: true, replayed: false } });
    expect(await saveEvaluation(juror, call.id, op)).toMatchObject({ ok: true, data: { revision: 1, replayed: true } });
    const member = await prisma.juryMember.findFirstOrThrow({ where: { callId: call.id, userId: juror.userId }, select: { id: true } });
    expect(await prisma.juryEvaluation.findMany({ where: { juryDossierId: target.id, memberId: member.id }, select: { revision: true } })).toEqual([{ revision: 1 }]);
    expect(await prisma.juryScore.count({ where: { evaluation: { juryDossierId: target.id, memberId: member.id } } })).toBe(call.criteria.length);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
