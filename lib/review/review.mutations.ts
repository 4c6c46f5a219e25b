import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/policy";
import { logRefusal, recordDossierEvent } from "@/lib/dossiers/dossier.events";
import type { DossierContent } from "@/lib/dossiers/dossier.schema";
import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Err, type Result } from "@/lib/server/result";
import { canTick, isEligibilityItemKey } from "./eligibility";
import { checkDecision, countDecisionChanges, releasePlan, type PendingDecision } from "./preselection-rules";
import {
  annotationInput,
  assignInput,
  bulkInput,
  createTagInput,
  decisionInput,
  eligibilityInput,
  releaseInput,
  tagsInput,
  type PreselectionKind,
} from "./review.schema";

/*
 * Staff review mutations. Each: parse → load and lock what it touches →
 * authorize on it (lib/auth/rules/review.ts) → write with its audit event
 * (before/after) in one transaction. A refusal writes nothing.
 */

const NOT_FOUND = "Ce dossier est introuvable.";
const DECISION_LABEL: Record<PreselectionKind, string> = { PRESELECTED: "présélectionné", NOT_PRESELECTED: "non présélectionné" };

function refuse<T extends Err>(action: string, actor: Actor | null, id: string | null, err: T): T {
  logRefusal(action, actor?.userId ?? null, id, err.code, err.message);
  return err;
}

const invalid = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  fail("INVALID_INPUT", issues[0]?.message ?? undefined, fieldErrorsFromZod(issues));

type LockedDossier = {
  id: string;
  callId: string;
  administrationId: string;
  status: DossierStatus;
  title: string;
  reference: string | null;
  call: { phase: CallPhase; kind: "CALL" | "ROLLING" };
};

/** Locks the dossier row and checks the actor may do `action` on it; null = not found for this actor. */
export async function lockForReview(tx: Tx, actor: Actor, dossierId: string, action: Action): Promise<LockedDossier | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from dossier where id = ${dossierId}::uuid and status <> 'DRAFT' for update`;
  if (rows.length === 0) return null;
  const dossier = await tx.dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { id: true, callId: true, administrationId: true, status: true, title: true, reference: true, call: { select: { phase: true, kind: true } } },
  });
  return can(actor, action as "review.read", dossier) ? dossier : null;
}

// ---------------------------------------------------------------- annotations

export async function addAnnotation(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const input = annotationInput.safeParse(raw);
  if (!input.success) return refuse("review.annotate", actor, null, invalid(input.error.issues));
  const { dossierId, body } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.annotate");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    const id = randomUUID();
    await tx.reviewAnnotation.create({ data: { id, dossierId, authorId: actor.userId, body, createdAt: now } });
    await appendAudit(tx, { actorId: actor.userId, action: "review.annotation.added", entityType: "dossier", entityId: dossierId, data: { annotationId: id, before: null, after: { length: body.length } } });
    return ok({ id });
  });
  return result.ok ? result : refuse("review.annotate", actor, dossierId, result);
}

// ---------------------------------------------------------------- assignment

async function staffOfCall(tx: Tx, callId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const grants = await tx.roleGrant.findMany({
    where: {
      userId: { in: userIds },
      user: { disabledAt: null },
      OR: [{ role: "STAFF", OR: [{ callId: null }, { callId }] }, { role: "ADMIN", callId: null }],
    },
    select: { userId: true },
  });
  return new Set(grants.map((g) => g.userId));
}

export async function setAssignees(actor: Actor, raw: unknown): Promise<Result<{ userIds: string[] }>> {
  const input = assignInput.safeParse(raw);
  if (!input.success) return refuse("review.assign", actor, null, invalid(input.error.issues));
  const { dossierId } = input.data;
  const userIds = [...new Set(input.data.userIds)].sort();
  const result = await db.$transaction(async (tx): Promise<Result<{ userIds: string[] }>> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.assign");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    const staff = await staffOfCall(tx, dossier.callId, userIds);
    if (userIds.some((u) => !staff.has(u))) {
      const message = "Instructeurs : seules les personnes de l’équipe de cet appel peuvent être désignées.";
      return fail("INVALID_INPUT", message, { userIds: [message] });
    }
    const before = (await tx.reviewAssignment.findMany({ where: { dossierId }, select: { userId: true } })).map((a) => a.userId).sort();
    if (before.join() === userIds.join()) return ok({ userIds });
    await tx.reviewAssignment.deleteMany({ where: { dossierId, userId: { notIn: userIds } } });
    await tx.reviewAssignment.createMany({ data: userIds.map((userId) => ({ dossierId, userId, assignedById: actor.userId })), skipDuplicates: true });
    await appendAudit(tx, { actorId: actor.userId, action: "review.assignees.set", entityType: "dossier", entityId: dossierId, data: { before, after: userIds } });
    return ok({ userIds });
  });
  return result.ok ? result : refuse("review.assign", actor, dossierId, result);
}

// ---------------------------------------------------------------- labels

export async function createTag(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const input = createTagInput.safeParse(raw);
  if (!input.success) return refuse("review.manageTags", actor, null, invalid(input.error.issues));
  const { callId, label, colour } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
    const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true } });
    if (!call || !can(actor, "review.manageTags", call)) return fail("NOT_FOUND", "Cet appel à projets est introuvable.");
    const existing = await tx.reviewTag.findUnique({ where: { callId_label: { callId, label } }, select: { id: true } });
    if (existing) return fail("INVALID_INPUT", "Une étiquette porte déjà ce libellé.", { label: ["Une étiquette porte déjà ce libellé."] });
    const id = randomUUID();
    await tx.reviewTag.create({ data: { id, callId, label, colour } });
    await appendAudit(tx, { actorId: actor.userId, action: "review.tag.created", entityType: "call", entityId: callId, data: { before: null, after: { id, label, colour } } });
    return ok({ id });
  });
  return result.ok ? result : refuse("review.manageTags", actor, callId, result);
}

export async function setTags(actor: Actor, raw: unknown): Promise<Result<{ tagIds: string[] }>> {
  const input = tagsInput.safeParse(raw);
  if (!input.success) return refuse("review.tag", actor, null, invalid(input.error.issues));
  const { dossierId } = input.data;
  const tagIds = [...new Set(input.data.tagIds)].sort();
  const result = await db.$transaction(async (tx): Promise<Result<{ tagIds: string[] }>> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.tag");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    const known = await tx.reviewTag.count({ where: { id: { in: tagIds }, callId: dossier.callId } });
    if (known !== tagIds.length) return fail("INVALID_INPUT", "Étiquettes : choisissez des étiquettes de cet appel.", { tagIds: ["Étiquettes : choisissez des étiquettes de cet appel."] });
    const before = (await tx.reviewDossierTag.findMany({ where: { dossierId }, select: { tagId: true } })).map((t) => t.tagId).sort();
    if (before.join() === tagIds.join()) return ok({ tagIds });
    await tx.reviewDossierTag.deleteMany({ where: { dossierId, tagId: { notIn: tagIds } } });
    await tx.reviewDossierTag.createMany({ data: tagIds.map((tagId) => ({ dossierId, tagId })), skipDuplicates: true });
    await appendAudit(tx, { actorId: actor.userId, action: "review.tags.set", entityType: "dossier", entityId: dossierId, data: { before, after: tagIds } });
    return ok({ tagIds });
  });
  return result.ok ? result : refuse("review.tag", actor, dossierId, result);
}

// ---------------------------------------------------------------- eligibility

export async function tickEligibility(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ met: boolean }>> {
  const input = eligibilityInput.safeParse(raw);
  if (!input.success) return refuse("review.eligibility", actor, null, invalid(input.error.issues));
  const { dossierId, itemKey } = input.data;
  const met = input.data.met === "yes";
  const result = await db.$transaction(async (tx): Promise<Result<{ met: boolean }>> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.eligibility");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    const facts = await tx.dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: {
        requestedCents: true,
        totalCostCents: true,
        content: true,
        administration: { select: { kind: true } },
        call: { select: { maxRequestedCents: true, minRequestedCents: true, maxRateBps: true } },
      },
    });
    const eligibilityFacts = {
      administrationKind: facts.administration.kind,
      requestedCents: facts.requestedCents,
      totalCostCents: facts.totalCostCents,
      content: facts.content as DossierContent,
      call: facts.call,
    };
    if (!isEligibilityItemKey(itemKey) || !canTick(itemKey, eligibilityFacts)) {
      return fail("INVALID_INPUT", "Ce critère est calculé par le portail : il ne se coche pas.", { itemKey: ["Ce critère est calculé par le portail : il ne se coche pas."] });
    }
    const before = await tx.eligibilityTick.findUnique({ where: { dossierId_itemKey: { dossierId, itemKey } }, select: { met: true } });
    await tx.eligibilityTick.upsert({
      where: { dossierId_itemKey: { dossierId, itemKey } },
      create: { dossierId, itemKey, met, checkedById: actor.userId, checkedAt: now },
      update: { met, checkedById: actor.userId, checkedAt: now },
    });
    await appendAudit(tx, { actorId: actor.userId, action: "review.eligibility.ticked", entityType: "dossier", entityId: dossierId, data: { itemKey, before: before?.met ?? null, after: met } });
    return ok({ met });
  });
  return result.ok ? result : refuse("review.eligibility", actor, dossierId, result);
}

// ---------------------------------------------------------------- preselection

export type DecisionConflict = Err & { code: "CONFLICT"; current: { decision: PreselectionKind; reason: string; version: number; decidedBy: string | null; decidedAt: string } | null };

export type Decided = { version: number; decision: PreselectionKind };

/**
 * One dossier's preselection decision. Under embargo until the call's
 * decisions are released: the dossier's status — all an applicant reads —
 * does not change here. Optimistic: the form sends the version it saw.
 */
export async function decidePreselection(actor: Actor, raw: unknown, now = new Date()): Promise<Result<Decided> | DecisionConflict> {
  const input = decisionInput.safeParse(raw);
  if (!input.success) return refuse("review.decide", actor, null, invalid(input.error.issues));
  const { dossierId, callId, decision, reason, expectedVersion } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<Decided> | DecisionConflict> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.decide");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    if (dossier.callId !== callId) return fail("FORBIDDEN", "Ce dossier n’appartient pas à cet appel : décision refusée.");
    const refusal = checkDecision(dossier.call, dossier.status);
    if (refusal) return fail(refusal.code, refusal.message);
    const current = await tx.preselectionDecision.findUnique({
      where: { dossierId },
      select: { decision: true, reason: true, version: true, releasedAt: true, decidedAt: true, decidedBy: { select: { name: true } } },
    });
    if ((current?.version ?? 0) !== expectedVersion) {
      const conflict: DecisionConflict = {
        ...fail(
          "CONFLICT",
          current
            ? `${current.decidedBy?.name ?? "Quelqu’un"} a décidé « ${DECISION_LABEL[current.decision]} » entre-temps. Votre décision n’a pas été enregistrée : relisez et décidez à nouveau.`
            : "La décision a été retirée entre-temps. Votre décision n’a pas été enregistrée : relisez et décidez à nouveau.",
        ),
        code: "CONFLICT",
        current: current
          ? { decision: current.decision, reason: current.reason, version: current.version, decidedBy: current.decidedBy?.name ?? null, decidedAt: current.decidedAt.toISOString() }
          : null,
      };
      return conflict;
    }
    const version = expectedVersion + 1;
    if (current) {
      await tx.preselectionDecision.update({
        where: { dossierId },
        data: { decision, reason, decidedById: actor.userId, decidedAt: now, releasedAt: null, version },
      });
    } else {
      await tx.preselectionDecision.create({ data: { dossierId, decision, reason, decidedById: actor.userId, decidedAt: now, version } });
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.preselection.decided",
      entityType: "dossier",
      entityId: dossierId,
      data: {
        before: current ? { decision: current.decision, reason: current.reason, version: current.version, released: current.releasedAt !== null } : null,
        after: { decision, reason, version, released: false },
      },
    });
    return ok({ version, decision });
  });
  return result.ok ? result : refuse("review.decide", actor, dossierId, result);
}

export type Release = { released: number; held: number; mails: number };

/**
 * Releases every pending decision of a call in one transaction: dossier
 * statuses change, the history shows the outcome, the administrations are
 * e-mailed (outbox). A dossier reopened for correction keeps its decision pending.
 */
export async function releaseDecisions(actor: Actor, raw: unknown, now = new Date()): Promise<Result<Release>> {
  const input = releaseInput.safeParse(raw);
  if (!input.success) return refuse("review.release", actor, null, invalid(input.error.issues));
  const { callId } = input.data;
  const result = await db.$transaction(
    async (tx): Promise<Result<Release>> => {
      const calls = await tx.$queryRaw<{ id: string; title: string }[]>`select id, title from call where id = ${callId}::uuid for update`;
      const call = calls[0];
      if (!call || !can(actor, "review.release", call)) return fail("NOT_FOUND", "Cet appel à projets est introuvable.");
      const pending = await tx.$queryRaw<(PendingDecision & { reason: string; version: number; title: string; reference: string | null; administrationId: string })[]>`
        select p.dossier_id as "dossierId", p.decision::text as decision, p.reason, p.version, d.status::text as "dossierStatus",
          d.title, d.reference, d.administration_id as "administrationId"
        from preselection_decision p join dossier d on d.id = p.dossier_id
        where d.call_id = ${callId}::uuid and p.released_at is null
        order by d.reference, d.id
        for update of p, d`;
      const { release, held } = releasePlan(pending);
      if (release.length === 0) return fail("CONFLICT", "Aucune décision n’attend d’être publiée pour cet appel.");
      const byId = new Map(pending.map((p) => [p.dossierId, p]));
      const members = await tx.user.findMany({
        where: { administrationId: { in: [...new Set(release.map((r) => byId.get(r.dossierId)!.administrationId))] }, disabledAt: null },
        select: { email: true, administrationId: true },
        orderBy: { email: "asc" },
      });
      const base = (process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
      let mails = 0;
      for (const r of release) {
        const p = byId.get(r.dossierId)!;
        await tx.dossier.update({ where: { id: r.dossierId }, data: { status: r.decision, version: { increment: 1 } } });
        await tx.preselectionDecision.update({ where: { dossierId: r.dossierId }, data: { releasedAt: now } });
        const message = r.decision === "PRESELECTED" ? `Dossier présélectionné pour l’audition. ${p.reason}` : `Dossier non présélectionné. Motif : ${p.reason}`;
        await recordDossierEvent(tx, { dossierId: r.dossierId, status: r.decision, message, actorId: actor.userId, at: now });
        await appendAudit(tx, {
          actorId: actor.userId,
          action: "review.preselection.released",
          entityType: "dossier",
          entityId: r.dossierId,
          data: { before: { status: r.dossierStatus }, after: { status: r.decision }, decisionVersion: p.version },
        });
        for (const m of members.filter((m) => m.administrationId === p.administrationId)) {
          mails++;
          await enqueueMail(tx, {
            dedupeKey: `preselection:${r.dossierId}:${p.version}:${m.email}`,
            to: m.email,
            subject: `Présélection — dossier ${p.reference ?? p.title}`,
            text: [
              "Bonjour,",
              "",
              `L’équipe du programme a examiné le dossier « ${p.title} » (n° ${p.reference ?? "—"}), déposé pour l’appel « ${call.title} ».`,
              "",
              r.decision === "PRESELECTED"
                ? "Il est présélectionné pour une audition devant le jury : vous recevrez prochainement votre convocation."
                : "Il n’est pas présélectionné pour l’audition.",
              `Motif : ${p.reason}`,
              "",
              `Votre dossier : ${base}/espace/dossiers`,
              "",
              "L’équipe du programme",
            ].join("\n"),
          });
        }
      }
      await tx.call.update({ where: { id: callId }, data: { decisionsReleasedAt: now } });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "review.decisions.released",
        entityType: "call",
        entityId: callId,
        data: { released: release.map((r) => r.dossierId), held: held.map((h) => h.dossierId), mails },
      });
      return ok({ released: release.length, held: held.length, mails });
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return result.ok ? result : refuse("review.release", actor, callId, result);
}

// ---------------------------------------------------------------- bulk actions

export type BulkPreview = { intent: "preview"; selected: number; changes: number; token: string };
export type BulkDone = { intent: "confirm"; selected: number; changed: number };

const fingerprint = (parts: string[]) => createHash("sha256").update(parts.sort().join("\n")).digest("base64url");

/**
 * Assign, label or decide a selection of dossiers of one call. « preview »
 * counts the dossiers that would change and returns a fingerprint of their
 * state; « confirm » applies only if that state is unchanged (else CONFLICT,
 * nothing written), all in one transaction.
 */
export async function bulkAction(actor: Actor, raw: unknown, now = new Date()): Promise<Result<BulkPreview | BulkDone>> {
  if (!can(actor, "review.act", null)) return refuse("review.bulk", actor, null, fail("FORBIDDEN"));
  const input = bulkInput.safeParse(raw);
  if (!input.success) return refuse("review.bulk", actor, null, invalid(input.error.issues));
  const v = input.data;
  const ids = [...new Set(v.dossierIds)].sort();
  const result = await db.$transaction(
    async (tx): Promise<Result<BulkPreview | BulkDone>> => {
      const call = await tx.call.findUnique({ where: { id: v.callId }, select: { id: true, phase: true, kind: true } });
      if (!call || !can(actor, "review.decide", { callId: call.id })) return fail("NOT_FOUND", "Cet appel à projets est introuvable.");
      // Lock the selection: a concurrent single decision waits for this one.
      const rows = await tx.$queryRaw<{ id: string; callId: string; status: DossierStatus }[]>`
        select id, call_id as "callId", status::text as status from dossier where id = any(${ids}::uuid[]) and status <> 'DRAFT' order by id for update`;
      const foreign = ids.length - rows.filter((r) => r.callId === call.id).length;
      if (foreign > 0) {
        return fail("FORBIDDEN", `${foreign} dossier${foreign > 1 ? "s" : ""} de la sélection n’appartien${foreign > 1 ? "nent" : "t"} pas à cet appel : rien n’a été modifié.`);
      }
      let changing: string[] = [];
      let state: string[] = [];
      if (v.action === "assign") {
        if (!(await staffOfCall(tx, call.id, [v.assigneeId!])).has(v.assigneeId!)) {
          return fail("INVALID_INPUT", "Instructeur : choisissez une personne de l’équipe de cet appel.", { assigneeId: ["Instructeur : choisissez une personne de l’équipe de cet appel."] });
        }
        const have = new Set((await tx.reviewAssignment.findMany({ where: { dossierId: { in: ids }, userId: v.assigneeId! }, select: { dossierId: true } })).map((a) => a.dossierId));
        changing = ids.filter((id) => !have.has(id));
        state = ids.map((id) => `${id}:${have.has(id)}:${v.assigneeId}`);
      } else if (v.action === "tag") {
        const tag = await tx.reviewTag.findFirst({ where: { id: v.tagId!, callId: call.id }, select: { id: true } });
        if (!tag) return fail("INVALID_INPUT", "Étiquette : choisissez une étiquette de cet appel.", { tagId: ["Étiquette : choisissez une étiquette de cet appel."] });
        const have = new Set((await tx.reviewDossierTag.findMany({ where: { dossierId: { in: ids }, tagId: tag.id }, select: { dossierId: true } })).map((t) => t.dossierId));
        changing = ids.filter((id) => !have.has(id));
        state = ids.map((id) => `${id}:${have.has(id)}:${tag.id}`);
      } else {
        const refused = rows.filter((r) => checkDecision(call, r.status) !== null);
        if (refused.length > 0) {
          return fail(
            "CONFLICT",
            `${refused.length} dossier${refused.length > 1 ? "s" : ""} de la sélection ne peu${refused.length > 1 ? "vent" : "t"} pas recevoir de décision (${checkDecision(call, refused[0]!.status)!.message}) : rien n’a été modifié.`,
          );
        }
        const decisions = await tx.preselectionDecision.findMany({ where: { dossierId: { in: ids } }, select: { dossierId: true, decision: true, version: true } });
        const current = new Map(decisions.map((d) => [d.dossierId, d]));
        const selected = ids.map((id) => ({ dossierId: id, current: current.get(id)?.decision ?? null }));
        changing = selected.filter((s) => s.current !== v.decision).map((s) => s.dossierId);
        if (countDecisionChanges(selected, v.decision!) !== changing.length) throw new Error("bulk decision count mismatch");
        state = ids.map((id) => `${id}:${current.get(id)?.version ?? 0}:${v.decision}`);
      }
      const token = fingerprint([...state, `action:${v.action}`]);
      if (v.intent === "preview") return ok({ intent: "preview" as const, selected: ids.length, changes: changing.length, token });
      if (v.token !== token) {
        return fail("CONFLICT", `La sélection a changé depuis votre confirmation : ${changing.length} dossier${changing.length > 1 ? "s" : ""} changerai${changing.length > 1 ? "ent" : "t"} désormais. Rien n’a été modifié ; vérifiez et confirmez à nouveau.`);
      }
      for (const dossierId of changing) {
        if (v.action === "assign") {
          await tx.reviewAssignment.create({ data: { dossierId, userId: v.assigneeId!, assignedById: actor.userId } });
          await appendAudit(tx, { actorId: actor.userId, action: "review.assignee.added", entityType: "dossier", entityId: dossierId, data: { before: null, after: { userId: v.assigneeId }, bulk: true } });
        } else if (v.action === "tag") {
          await tx.reviewDossierTag.create({ data: { dossierId, tagId: v.tagId! } });
          await appendAudit(tx, { actorId: actor.userId, action: "review.tag.added", entityType: "dossier", entityId: dossierId, data: { before: null, after: { tagId: v.tagId }, bulk: true } });
        } else {
          const before = await tx.preselectionDecision.findUnique({ where: { dossierId }, select: { decision: true, reason: true, version: true, releasedAt: true } });
          const version = (before?.version ?? 0) + 1;
          await tx.preselectionDecision.upsert({
            where: { dossierId },
            create: { dossierId, decision: v.decision!, reason: v.reason!, decidedById: actor.userId, decidedAt: now, version },
            update: { decision: v.decision!, reason: v.reason!, decidedById: actor.userId, decidedAt: now, releasedAt: null, version },
          });
          await appendAudit(tx, {
            actorId: actor.userId,
            action: "review.preselection.decided",
            entityType: "dossier",
            entityId: dossierId,
            data: {
              before: before ? { decision: before.decision, reason: before.reason, version: before.version, released: before.releasedAt !== null } : null,
              after: { decision: v.decision, reason: v.reason, version, released: false },
              bulk: true,
            },
          });
        }
      }
      return ok({ intent: "confirm" as const, selected: ids.length, changed: changing.length });
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return result.ok ? result : refuse("review.bulk", actor, v.callId, result);
}
