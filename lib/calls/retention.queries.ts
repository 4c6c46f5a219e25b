import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { archiveBlocker, isArchiveDue, retentionDueAt, type PlanLine } from "./retention";
import { buildRetentionPlan } from "./retention.plan";

export type RetentionView = {
  call: {
    id: string;
    slug: string;
    title: string;
    phase: CallPhase;
    version: number;
    retentionMonths: number;
    resultsPublishedAt: Date | null;
    archivedAt: Date | null;
    dueAt: Date | null;
  };
  lines: PlanLine[];
  digest: string;
  /** Why the call cannot be archived even when forced (phase), or null. */
  blocker: string | null;
  /** The retention period has passed: no forcing needed. */
  due: boolean;
};

/** The conservation page: the call and the dry-run listing. Administrators only (null otherwise). */
export async function loadRetentionView(actor: Actor, slug: string, now: Date = new Date()): Promise<RetentionView | null> {
  const call = await db.call.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, phase: true, version: true, retentionMonths: true, resultsPublishedAt: true, archivedAt: true },
  });
  if (!call || !can(actor, "retention.manage", call)) return null;
  const plan = await buildRetentionPlan(db, call.id);
  return {
    call: { ...call, dueAt: retentionDueAt(call) },
    lines: plan.lines,
    digest: plan.digest,
    blocker: archiveBlocker(call, now, true),
    due: isArchiveDue(call, now),
  };
}
