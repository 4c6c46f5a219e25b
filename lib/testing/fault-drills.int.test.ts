/**
 * Fault drills on the real database: the connection serving a write is cut
 * in the middle of its transaction (after the first insert, before the
 * second and the audit event). The client must get a retryable French
 * message, nothing may be half-written, and a retry with the same
 * idempotency key must write exactly once — even when repeated.
 *
 * The write is the shape of every mutation to come (dossier submission,
 * score save): two rows and an audit event in one transaction, wrapped in
 * runWrite with an id derived from the idempotency key (lib/server/retry.ts).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appendAudit, verifyAuditChain } from "@/lib/audit/audit";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/prisma";
import { idempotentId, isConnectionLoss, isRerunnable, RETRYABLE_MESSAGE, runWrite } from "@/lib/server/retry";
import { frenchMessageProblem, rowCounts } from "./fuzz";
import { backendPid, dropConnection, trackedPool, type DropMethod } from "./faults";

const kind = inject("databaseKind");
const databaseUrl = inject("databaseUrl");
const { pool, clients } = trackedPool(databaseUrl, kind === "embedded" ? 1 : 5);
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
// The test database is shared by the run: remove what the drills created (the audit log stays, append-only).
const createdKeys: string[] = [];
afterAll(async () => {
  const ministryIds = createdKeys.map((k) => idempotentId("ministry.register", k));
  await prisma.administration.deleteMany({ where: { ministryId: { in: ministryIds } } });
  await prisma.ministry.deleteMany({ where: { id: { in: ministryIds } } });
  await prisma.$disconnect();
  await pool.end().catch(() => {});
});

type Input = { idempotencyKey: string; code: string; name: string };

/** Ministry + its first administration + audit event, exactly once per idempotency key. */
function registerMinistry(input: Input, fault?: (tx: Tx) => Promise<void>) {
  createdKeys.push(input.idempotencyKey);
  return runWrite(() =>
    prisma.$transaction(async (tx) => {
      const ministryId = idempotentId("ministry.register", input.idempotencyKey);
      if (await tx.ministry.findUnique({ where: { id: ministryId }, select: { id: true } })) return { ministryId, replayed: true };
      await tx.ministry.create({ data: { id: ministryId, code: input.code, name: input.name } });
      await fault?.(tx);
      const administrationId = idempotentId("administration.register", input.idempotencyKey);
      await tx.administration.create({ data: { id: administrationId, ministryId, name: `${input.name} — administration centrale`, kind: "CENTRAL" } });
      await appendAudit(tx, { actorId: null, action: "ministry.registered", entityType: "ministry", entityId: ministryId, data: { code: input.code } });
      return { ministryId, replayed: false };
    }),
  );
}

const snapshot = () => rowCounts(prisma, ["ministry", "administration"]);

describe(`fault drills (${kind === "server" ? "PostgreSQL server: pg_terminate_backend" : "embedded PGlite: client socket destroyed"})`, () => {
  it("connection dropped mid-transaction: retryable error, nothing half-written, one retry writes exactly once", async () => {
    const input: Input = { idempotencyKey: crypto.randomUUID(), code: "DRL", name: "Ministère de l’exercice de panne" };
    const before = await snapshot();
    let method: DropMethod | undefined;

    const first = await registerMinistry(input, async (tx) => {
      method = await dropConnection({ pid: await backendPid(tx), kind, databaseUrl, clients });
    });
    expect(method).toBe(kind === "server" ? "pg_terminate_backend" : "socket destroyed");
    expect(first).toEqual({ ok: false, code: "RETRYABLE", message: RETRYABLE_MESSAGE });
    expect(frenchMessageProblem(RETRYABLE_MESSAGE)).toBeNull();
    expect(await snapshot()).toEqual(before);

    const retry = await registerMinistry(input);
    expect(retry).toMatchObject({ ok: true, data: { replayed: false } });
    expect(await snapshot()).toEqual({ ministry: before.ministry! + 1, administration: before.administration! + 1, audit_event: before.audit_event! + 1 });

    // The acknowledgement of the retry is lost too: the person sends it again.
    const again = await registerMinistry(input);
    expect(again).toMatchObject({ ok: true, data: { replayed: true } });
    expect(await snapshot()).toEqual({ ministry: before.ministry! + 1, administration: before.administration! + 1, audit_event: before.audit_event! + 1 });
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("the pool recovers: writes with other keys go through right after a drop", async () => {
    const before = await snapshot();
    const dropped = await registerMinistry({ idempotencyKey: crypto.randomUUID(), code: "DRA", name: "Ministère de la panne A" }, async (tx) => {
      await dropConnection({ pid: await backendPid(tx), kind, databaseUrl, clients });
    });
    expect(dropped.ok).toBe(false);
    for (const [code, name] of [["DRB", "Ministère de la reprise B"], ["DRC", "Ministère de la reprise C"]] as const) {
      expect(await registerMinistry({ idempotencyKey: crypto.randomUUID(), code, name })).toMatchObject({ ok: true });
    }
    expect(await snapshot()).toEqual({ ministry: before.ministry! + 2, administration: before.administration! + 2, audit_event: before.audit_event! + 2 });
  });

  it("a bug is not a retryable error: other failures still throw", async () => {
    const before = await snapshot();
    // Same code twice under different keys: a unique violation, not a lost connection.
    await registerMinistry({ idempotencyKey: crypto.randomUUID(), code: "DRU", name: "Ministère unique" });
    await expect(registerMinistry({ idempotencyKey: crypto.randomUUID(), code: "DRU", name: "Ministère unique" })).rejects.toThrow();
    expect((await snapshot()).ministry).toBe(before.ministry! + 1);
  });

  it("classifies errors: serialization failures re-run, connection losses retryable, the rest not", () => {
    expect(isRerunnable({ code: "40001" })).toBe(true);
    expect(isRerunnable({ code: "P2034" })).toBe(true);
    expect(isRerunnable(new Error("wrapped", { cause: { code: "40P01" } }))).toBe(true);
    expect(isConnectionLoss({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true);
    expect(isConnectionLoss(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLoss({ code: "23505", message: "duplicate key value violates unique constraint" })).toBe(false);
    expect(isRerunnable({ code: "23505" })).toBe(false);
  });

  it("re-runs a transaction the database rolled back for a serialization failure", async () => {
    let calls = 0;
    const result = await runWrite(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error("could not serialize access"), { code: "40001" });
      return "ok";
    });
    expect(result).toEqual({ ok: true, data: "ok" });
    expect(calls).toBe(3);
  });
});
