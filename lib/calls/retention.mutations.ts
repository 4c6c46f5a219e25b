import "server-only";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import type { Db, Tx } from "@/lib/server/prisma";
import { fail, ok, type Result } from "@/lib/server/result";
import { archiveBlocker, isArchiveDue, retentionDueAt } from "./retention";
import type { ArchiveInput, RetentionPeriodInput } from "./retention.schema";
import { RetentionDrift, applyRetentionPlan, type RetentionPlan } from "./retention.plan";

export type Archived = { slug: string; deleted: number; anonymised: number };

const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };

const lockCall = async (tx: Tx, callId: string) => {
  await tx.$executeRaw`select id from call where id = ${callId}::uuid for update`;
  return tx.call.findUnique({ where: { id: callId }, select: { id: true, slug: true, phase: true, resultsPublishedAt: true, retentionMonths: true } });
};

const totals = (plan: RetentionPlan) => ({
  deleted: plan.lines.filter((l) => l.action === "DELETE").reduce((n, l) => n + l.rows.length, 0),
  anonymised: plan.lines.filter((l) => l.action === "ANONYMISE").reduce((n, l) => n + l.rows.length, 0),
});

/** Applies the plan, archives the call and writes the audit event (counts and digest, no personal data). */
async function archiveLocked(tx: Tx, call: { id: string; slug: string; resultsPublishedAt: Date | null; retentionMonths: number }, how: { actorId: string | null; forced: boolean; expectedDigest: string | null }) {
  const plan = await applyRetentionPlan(tx, call.id, how.expectedDigest);
  await tx.call.update({ where: { id: call.id }, data: { phase: "ARCHIVED", archivedAt: new Date(), version: { increment: 1 } } });
  const t = totals(plan);
  await appendAudit(tx, {
    actorId: how.actorId,
    action: "call.archived",
    entityType: "call",
    entityId: call.id,
    data: {
      slug: call.slug,
      automatic: how.actorId === null,
      forced: how.forced,
      dueAt: retentionDueAt(call)?.toISOString() ?? null,
      digest: plan.digest,
      ...t,
      lines: plan.lines.map((l) => ({ table: l.table, action: l.action, rows: l.rows.length })),
    },
  });
  return { slug: call.slug, ...t };
}

/**
 * The admin's archive step, behind a confirmation: only for a call whose
 * results are published, after its retention period or `forced` before. The
 * plan is rebuilt under the call's row lock and must be the one the admin
 * read (same digest); the changes then touch exactly the listed rows.
 */
export async function archiveCall(actor: Actor, input: ArchiveInput, now: Date = new Date()): Promise<Result<Archived>> {
  if (!can(actor, "retention.manage", { id: input.callId })) return fail("FORBIDDEN");
  try {
    return await db.$transaction(async (tx) => {
      const call = await lockCall(tx, input.callId);
      if (!call) return fail("NOT_FOUND", "Cet appel n’existe pas.");
      const blocker = archiveBlocker(call, now, input.forced === "on");
      if (blocker) return fail("CONFLICT", blocker);
      return ok(await archiveLocked(tx, call, { actorId: actor.userId, forced: input.forced === "on" && !isArchiveDue(call, now), expectedDigest: input.digest }));
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof RetentionDrift) {
      return fail("CONFLICT", "Les données de l’appel ont changé depuis la simulation : relisez la nouvelle liste avant d’archiver.");
    }
    throw error;
  }
}

/** The scheduler's part: archive every published call whose retention period has passed (no actor, audited). */
export async function archiveDueCalls(client: Db, now: Date = new Date()): Promise<string[]> {
  const candidates = await client.call.findMany({
    where: { phase: "RESULTS_PUBLISHED", resultsPublishedAt: { not: null } },
    orderBy: { resultsPublishedAt: "asc" },
    select: { id: true, phase: true, resultsPublishedAt: true, retentionMonths: true },
  });
  const archived: string[] = [];
  for (const candidate of candidates.filter((c) => isArchiveDue(c, now))) {
    const slug = await client.$transaction(async (tx) => {
      const call = await lockCall(tx, candidate.id);
      // Another scheduler got there first, or the period changed meanwhile.
      if (!call || !isArchiveDue(call, now)) return null;
      return (await archiveLocked(tx, call, { actorId: null, forced: false, expectedDigest: null })).slug;
    }, TX_OPTIONS);
    if (slug) archived.push(slug);
  }
  return archived;
}

/** Sets the call's retention period (optimistic concurrency on the call's version). */
export async function setRetentionPeriod(actor: Actor, input: RetentionPeriodInput): Promise<Result<{ months: number; version: number }>> {
  if (!can(actor, "retention.manage", { id: input.callId })) return fail("FORBIDDEN");
  return db.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { id: input.callId }, select: { id: true, slug: true, phase: true, version: true, retentionMonths: true } });
    if (!call) return fail("NOT_FOUND", "Cet appel n’existe pas.");
    if (call.phase === "ARCHIVED") return fail("CONFLICT", "Cet appel est archivé : sa durée de conservation ne change plus.");
    const updated = await tx.call.updateMany({ where: { id: call.id, version: input.version }, data: { retentionMonths: input.months, version: { increment: 1 } } });
    if (updated.count !== 1) return fail("CONFLICT", "L’appel a été modifié entre-temps par quelqu’un d’autre : rechargez la page.");
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "call.retention_period_set",
      entityType: "call",
      entityId: call.id,
      data: { slug: call.slug, from: call.retentionMonths, to: input.months },
    });
    return ok({ months: input.months, version: input.version + 1 });
  });
}
