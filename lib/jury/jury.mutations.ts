import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit, canonicalJson, preparedAuditEvent } from "@/lib/audit/audit";
import { formatCents } from "@/lib/money";
import { db } from "@/lib/server/db";
import { hotRow, hotStatement } from "@/lib/server/hot-sql";
import { runWrite } from "@/lib/server/retry";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Result } from "@/lib/server/result";
import { isUuid } from "@/lib/validation/ids";
import { decisionSchema, declareConflictSchema, evaluationOpSchema, feedbackEditSchema, reviewConflictSchema, scoringGridSchema, staffConflictSchema } from "./jury.schema";
import { canSeeDossiers, getChairView, juryResource, loadEvaluationSaveState, loadJuryContext, type JuryContext } from "./jury.queries";

const SCORING_PHASES = new Set(["AUDITIONS", "DELIBERATION"]);

/** The call must still be open to the jury's writes. */
function deliberationOpen(ctx: JuryContext) {
  if (ctx.call.deliberationLockedAt) return fail("CONFLICT", "La délibération est verrouillée : plus aucune modification n’est possible.");
  return null;
}

export async function acceptConfidentiality(actor: Actor, callId: string): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await loadJuryContext(actor, { id: callId });
  if (!ctx || !can(actor, "jury.participate", juryResource(ctx))) return fail("FORBIDDEN");
  if (ctx.member!.confidentialityAcceptedAt) return ok(null);
  await db.$transaction(async (tx) => {
    await tx.juryMember.update({ where: { id: ctx.member!.id }, data: { confidentialityAcceptedAt: new Date() } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.confidentiality.accepted", entityType: "jury_member", entityId: ctx.member!.id });
  });
  return ok(null);
}

export async function declareConflict(actor: Actor, callId: string, input: unknown): Promise<Result<{ id: string }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await loadJuryContext(actor, { id: callId });
  if (!ctx || !can(actor, "jury.participate", juryResource(ctx))) return fail("FORBIDDEN");
  if (!ctx.member!.confidentialityAcceptedAt) return fail("FORBIDDEN", "Acceptez d’abord l’engagement de confidentialité.");
  const parsed = declareConflictSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { juryDossierId, type, reason } = parsed.data;
  const target = await db.juryDossier.findFirst({ where: { id: juryDossierId, dossier: { callId } }, select: { id: true } });
  if (!target) return fail("NOT_FOUND");
  return db.$transaction(async (tx) => {
    const existing = await tx.juryConflict.findUnique({ where: { memberId_juryDossierId: { memberId: ctx.member!.id, juryDossierId } }, select: { id: true } });
    // Declaring is always allowed, even over a dismissed proposal: it confirms.
    const row = existing
      ? await tx.juryConflict.update({ where: { id: existing.id }, data: { type, reason, source: "DECLARED", status: "CONFIRMED" }, select: { id: true } })
      : await tx.juryConflict.create({ data: { memberId: ctx.member!.id, juryDossierId, type, reason, source: "DECLARED", status: "CONFIRMED" }, select: { id: true } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.conflict.declared", entityType: "jury_conflict", entityId: row.id, data: { juryDossierId, type } });
    return ok(row);
  });
}

/** The juror states the declarations are complete: the agenda opens. */
export async function completeDeclarations(actor: Actor, callId: string): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await loadJuryContext(actor, { id: callId });
  if (!ctx || !can(actor, "jury.participate", juryResource(ctx))) return fail("FORBIDDEN");
  if (!ctx.member!.confidentialityAcceptedAt) return fail("FORBIDDEN", "Acceptez d’abord l’engagement de confidentialité.");
  await db.$transaction(async (tx) => {
    await tx.juryMember.update({ where: { id: ctx.member!.id }, data: { declaredAt: new Date() } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.declarations.completed", entityType: "jury_member", entityId: ctx.member!.id });
  });
  return ok(null);
}

/**
 * Conflicts are part of the sealed record (recusals): once the deliberation
 * is locked, staff can no longer add, confirm, dismiss or propose any.
 */
async function conflictsClosed(callId: string) {
  const call = await db.call.findUnique({ where: { id: callId }, select: { deliberationLockedAt: true } });
  if (!call) return fail("NOT_FOUND");
  if (call.deliberationLockedAt) return fail("CONFLICT", "La délibération est verrouillée : les conflits d’intérêts ne peuvent plus être modifiés.");
  return null;
}

/** Staff add (and may lock) a conflict for any juror of the call. */
export async function addConflictAsStaff(actor: Actor, callId: string, input: unknown): Promise<Result<{ id: string }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const parsed = staffConflictSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { memberId, juryDossierId, type, reason, lock } = parsed.data;
  const closed = await conflictsClosed(callId);
  if (closed) return closed;
  const [member, target] = await Promise.all([
    db.juryMember.findFirst({ where: { id: memberId, callId }, select: { id: true } }),
    db.juryDossier.findFirst({ where: { id: juryDossierId, dossier: { callId } }, select: { id: true } }),
  ]);
  if (!member || !target) return fail("NOT_FOUND", "Ce membre du jury ou ce dossier ne fait pas partie de cet appel.");
  return db.$transaction(async (tx) => {
    const existing = await tx.juryConflict.findUnique({ where: { memberId_juryDossierId: { memberId, juryDossierId } }, select: { lockedAt: true } });
    if (existing?.lockedAt) return fail("CONFLICT", "Ce conflit d’intérêts est verrouillé : il ne peut plus être modifié.");
    const data = { type, reason, source: "STAFF" as const, status: "CONFIRMED" as const, lockedAt: lock ? new Date() : null };
    const row = await tx.juryConflict.upsert({
      where: { memberId_juryDossierId: { memberId, juryDossierId } },
      create: { memberId, juryDossierId, ...data },
      update: data,
      select: { id: true },
    });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.conflict.staff_set", entityType: "jury_conflict", entityId: row.id, data: { memberId, juryDossierId, type, lock } });
    return ok(row);
  });
}

/** Staff confirm or dismiss a proposed conflict; a locked conflict stays as it is. */
export async function reviewConflict(actor: Actor, callId: string, input: unknown): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const parsed = reviewConflictSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const closed = await conflictsClosed(callId);
  if (closed) return closed;
  const conflict = await db.juryConflict.findFirst({ where: { id: parsed.data.conflictId, member: { callId } }, select: { id: true, lockedAt: true } });
  if (!conflict) return fail("NOT_FOUND");
  if (conflict.lockedAt) return fail("CONFLICT", "Ce conflit d’intérêts est verrouillé : il ne peut plus être modifié.");
  await db.$transaction(async (tx) => {
    await tx.juryConflict.update({ where: { id: conflict.id }, data: { status: parsed.data.status, lockedAt: parsed.data.lock ? new Date() : null } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.conflict.reviewed", entityType: "jury_conflict", entityId: conflict.id, data: { status: parsed.data.status, lock: parsed.data.lock } });
  });
  return ok(null);
}

const normalise = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Juror organisation vs dossier administration or ministry: a pure rule, tested on its own. */
export function isLikelyConflict(organisation: string | null, administration: string, ministry: string): boolean {
  if (!organisation) return false;
  const org = normalise(organisation);
  if (org.length < 4) return false;
  return [administration, ministry].some((name) => {
    const n = normalise(name);
    return n.includes(org) || org.includes(n);
  });
}

/** Proposes likely conflicts (status PROPOSED, counted until staff dismiss them). */
export async function proposeConflicts(actor: Actor, callId: string): Promise<Result<{ proposed: number }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const closed = await conflictsClosed(callId);
  if (closed) return closed;
  const [members, agenda] = await Promise.all([
    db.juryMember.findMany({ where: { callId }, select: { id: true, user: { select: { organisation: true } }, conflicts: { select: { juryDossierId: true } } } }),
    db.juryDossier.findMany({ where: { dossier: { callId } }, select: { id: true, dossier: { select: { administration: { select: { name: true, ministry: { select: { name: true } } } } } } } }),
  ]);
  const toCreate: { memberId: string; juryDossierId: string; reason: string }[] = [];
  for (const m of members) {
    const known = new Set(m.conflicts.map((c) => c.juryDossierId));
    for (const a of agenda) {
      if (known.has(a.id)) continue;
      const adm = a.dossier.administration;
      if (isLikelyConflict(m.user.organisation, adm.name, adm.ministry.name)) {
        toCreate.push({ memberId: m.id, juryDossierId: a.id, reason: `Organisation du juré (${m.user.organisation}) proche de ${adm.name} (${adm.ministry.name}).` });
      }
    }
  }
  await db.$transaction(async (tx) => {
    // Two staff clicking at once, or a juror declaring meanwhile: the existing row wins.
    await tx.juryConflict.createMany({ data: toCreate.map((c) => ({ ...c, type: "SAME_ADMINISTRATION", source: "PROPOSED", status: "PROPOSED" })), skipDuplicates: true });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.conflict.proposed", entityType: "call", entityId: callId, data: { proposed: toCreate.length } });
  });
  return ok({ proposed: toCreate.length });
}

export type SaveOutcome = { revision: number; submitted: boolean; replayed: boolean };

const EVALUATION_WRITE = hotStatement("jury_evaluation_write", `select jury_evaluation_write($1::uuid, $2::uuid, $3::uuid, $4::integer, $5::uuid, $6::text, $7::text, $8::text, $9::timestamptz,
           $10::jsonb, $11::text, $12::jsonb, $13::timestamptz, $14::uuid, $15::jsonb, $16::text) as status`);

/**
 * One save from the scoring screen (online or replayed from the offline
 * queue). Idempotent by `opId`: a replay gets the first outcome back and
 * changes nothing. Every refusal leaves the database as it was.
 */
export async function saveEvaluation(actor: Actor, callId: string, input: unknown): Promise<Result<SaveOutcome>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  // authenticate → authorize → parse: a non-member learns nothing about the input rules.
  // The context and the state a save builds on come in one round trip (issue 7), read
  // with the operation's ids as sent; they are compared with the parsed ones below.
  const sent = (input ?? {}) as { juryDossierId?: unknown; opId?: unknown };
  const sentIds = {
    juryDossierId: typeof sent.juryDossierId === "string" ? sent.juryDossierId : null,
    // Only a well-formed id reaches the database (a NUL byte would make PostgreSQL fail).
    opId: evaluationOpSchema.shape.opId.safeParse(sent.opId).success ? (sent.opId as string) : null,
  };
  let loaded = await loadEvaluationSaveState(actor, callId, sentIds.juryDossierId, sentIds.opId);
  if (!loaded || !can(actor, "jury.participate", juryResource(loaded.ctx))) return fail("FORBIDDEN");
  const parsed = evaluationOpSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const op = parsed.data;
  if (op.juryDossierId !== sentIds.juryDossierId || op.opId !== sentIds.opId) return fail("INVALID_INPUT", "Identifiant d’opération invalide.");
  // The same criterion twice in one operation: the last value counts.
  const submitted = new Map(op.scores.map((s) => [s.criterionKey, s]));
  // A few attempts: another save of the same juror on the same dossier may land between the read and the write.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) {
      loaded = await loadEvaluationSaveState(actor, callId, op.juryDossierId, op.opId);
      if (!loaded || !can(actor, "jury.participate", juryResource(loaded.ctx))) return fail("FORBIDDEN");
    }
    const { ctx, state } = loaded;
    const memberId = ctx.member!.id;
    const byKey = new Map(ctx.criteria.map((c) => [c.key, c]));
    if (state.replay) {
      if (state.replay.memberId !== memberId) return fail("CONFLICT", "Cet identifiant d’opération a déjà été utilisé.");
      return ok({ ...(state.replay.outcome as Omit<SaveOutcome, "replayed">), replayed: true });
    }
    if (!canSeeDossiers(ctx)) return fail("FORBIDDEN", "Acceptez l’engagement de confidentialité et déclarez vos conflits d’intérêts avant de noter.");
    if (ctx.conflictedJuryDossierIds.has(op.juryDossierId)) return fail("FORBIDDEN", CONFLICTED_MESSAGE);
    if (!SCORING_PHASES.has(ctx.call.phase)) return fail("CONFLICT", SCORING_CLOSED_MESSAGE);
    const closed = deliberationOpen(ctx);
    if (closed) return closed;
    if (!state.target) return fail("NOT_FOUND", "Ce dossier ne fait pas partie des dossiers confiés au jury.");
    if (state.target.lockedAt) return fail("CONFLICT", DOSSIER_LOCKED_MESSAGE);

    const fieldErrors: Record<string, string[]> = {};
    const scale = ctx.grid.scaleMaxHalf / 2;
    op.scores.forEach((s, i) => {
      if (!byKey.has(s.criterionKey)) fieldErrors[`scores.${i}.criterionKey`] = ["Critère inconnu pour cet appel."];
      else if (s.valueHalf < 0 || s.valueHalf > ctx.grid.scaleMaxHalf || s.valueHalf % ctx.grid.stepHalf !== 0) {
        fieldErrors[`scores.${i}.valueHalf`] = [
          `La note doit être comprise entre 0 et ${String(scale).replace(".", ",")}${ctx.grid.stepHalf === 1 ? ", par demi-point" : ", en points entiers"} (reçu : ${String(s.valueHalf / 2).replace(".", ",")}).`,
        ];
      }
    });
    if (Object.keys(fieldErrors).length) return fail("INVALID_INPUT", "Note hors de l’échelle de la grille : rien n’a été enregistré.", fieldErrors);

    const existing = state.existing;
    const keyOf = new Map(ctx.criteria.map((c) => [c.id, c.key]));
    const current = new Map((existing?.scores ?? []).map((s) => [keyOf.get(s.criterionId)!, { valueHalf: s.valueHalf, comment: s.comment }]));
    const next = new Map(current);
    for (const s of submitted.values()) next.set(s.criterionKey, { valueHalf: s.valueHalf, comment: s.comment !== undefined ? s.comment || null : (current.get(s.criterionKey)?.comment ?? null) });
    const overallComment = op.overallComment !== undefined ? op.overallComment || null : (existing?.overallComment ?? null);
    const feedback = op.feedback !== undefined ? op.feedback || null : (existing?.feedback ?? null);
    const internalNote = op.internalNote !== undefined ? op.internalNote || null : (existing?.internalNote ?? null);
    // Once submitted, every revision must stay complete.
    const submitting = op.submit || !!existing?.submittedAt;
    if (submitting) {
      const errors: Record<string, string[]> = {};
      for (const c of ctx.criteria) {
        const v = next.get(c.key);
        if (!v) errors[`criteria.${c.key}`] = [`Notez le critère « ${c.label} ».`];
        else if (ctx.grid.commentMode === "PER_CRITERION" && !v.comment) errors[`criteria.${c.key}.comment`] = [`Le commentaire est obligatoire pour le critère « ${c.label} ».`];
      }
      if (ctx.grid.commentMode === "OVERALL" && !overallComment) errors.overallComment = ["Le commentaire général est obligatoire."];
      if (Object.keys(errors).length) return fail("INVALID_INPUT", "Notation incomplète : rien n’a été enregistré.", errors);
    }

    const scores = [...submitted.keys()].map((key) => ({ criterion_id: byKey.get(key)!.id, value_half: next.get(key)!.valueHalf, comment: next.get(key)!.comment }));
    const changes = [...submitted.keys()].flatMap((key) => {
      const from = current.get(key)?.valueHalf ?? null;
      const to = next.get(key)!.valueHalf;
      return from === to ? [] : [{ criterion: key, from, to }];
    });
    const readRevision = existing?.revision ?? 0;
    const evaluationId = existing?.id ?? randomUUID();
    const outcome = { revision: readRevision + 1, submitted: !!existing?.submittedAt || submitting };
    const audit = preparedAuditEvent({
      actorId: actor.userId,
      action: "jury.evaluation.saved",
      entityType: "jury_evaluation",
      entityId: evaluationId,
      data: { opId: op.opId, juryDossierId: op.juryDossierId, revision: outcome.revision, submitted: outcome.submitted, changes },
    });
    // One statement, so one round trip and its own transaction (jury_evaluation_write,
    // migration 20261202090000), sent without the ORM (lib/server/hot-sql.ts). A lost connection (outcome unknown) is a RETRYABLE
    // answer: the offline queue keeps the operation and re-sends it with the same opId.
    const written = await runWrite(async () => {
      const row = await hotRow<{ status: WriteStatus }>(
        EVALUATION_WRITE,
        [
          callId, memberId, op.juryDossierId, readRevision, evaluationId, overallComment, feedback, internalNote, submitting && !existing?.submittedAt ? audit.at : null,
          JSON.stringify(scores), op.opId, JSON.stringify(outcome), audit.at, audit.actorId, audit.dataJson, audit.canonicalWithoutPrev,
        ],
      );
      return row!.status;
    });
    if (!written.ok) return written;
    switch (written.data) {
      case "SAVED":
        return ok({ ...outcome, replayed: false });
      case "CLOSED":
        return fail("CONFLICT", SCORING_CLOSED_MESSAGE);
      case "LOCKED":
        return fail("CONFLICT", DOSSIER_LOCKED_MESSAGE);
      case "CONFLICTED":
        return fail("FORBIDDEN", CONFLICTED_MESSAGE);
      case "STALE":
      case "REPLAY":
        // Read again: a replay answers with its recorded outcome, a stale read is prepared again.
        continue;
    }
  }
  return fail("CONFLICT", "Vos notes de ce dossier ont changé pendant l’enregistrement : réessayez.");
}

type WriteStatus = "SAVED" | "CLOSED" | "LOCKED" | "CONFLICTED" | "STALE" | "REPLAY";
const CONFLICTED_MESSAGE = "Vous êtes en conflit d’intérêts sur ce dossier : vous ne pouvez ni l’ouvrir ni le noter.";
const SCORING_CLOSED_MESSAGE = "La notation n’est pas ouverte pour cet appel.";
const DOSSIER_LOCKED_MESSAGE = "Ce dossier est verrouillé par le président du jury : les notes ne peuvent plus être modifiées.";

class Refusal extends Error {
  constructor(readonly result: ReturnType<typeof fail>) {
    super(result.message);
  }
}

async function chairContext(actor: Actor, callId: string) {
  const ctx = await loadJuryContext(actor, { id: callId });
  if (!ctx || !can(actor, "jury.chair", juryResource(ctx))) return null;
  return ctx;
}

/** The chair locks a dossier's scores (after its discussion). */
export async function lockDossier(actor: Actor, callId: string, juryDossierId: string): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await chairContext(actor, callId);
  if (!ctx) return fail("FORBIDDEN");
  if (!isUuid(juryDossierId)) return fail("NOT_FOUND");
  if (ctx.conflictedJuryDossierIds.has(juryDossierId)) return fail("FORBIDDEN", "Vous êtes en conflit d’intérêts sur ce dossier.");
  const closed = deliberationOpen(ctx);
  if (closed) return closed;
  const target = await db.juryDossier.findFirst({ where: { id: juryDossierId, dossier: { callId } }, select: { id: true, lockedAt: true } });
  if (!target) return fail("NOT_FOUND");
  if (target.lockedAt) return ok(null);
  await db.$transaction(async (tx) => {
    await tx.juryDossier.update({ where: { id: target.id }, data: { lockedAt: new Date() } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.dossier.locked", entityType: "jury_dossier", entityId: target.id });
  });
  return ok(null);
}

/**
 * Records the jury's decision on one dossier. The granted amount is checked
 * against the request and, with every other laureate's grant, against the
 * call's envelope; both figures are shown when refused.
 */
export async function recordDecision(actor: Actor, callId: string, input: unknown): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await chairContext(actor, callId);
  if (!ctx) return fail("FORBIDDEN");
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const d = parsed.data;
  if (ctx.conflictedJuryDossierIds.has(d.juryDossierId)) return fail("FORBIDDEN", "Vous êtes en conflit d’intérêts sur ce dossier : un autre membre du jury doit enregistrer la décision.");
  const closed = deliberationOpen(ctx);
  if (closed) return closed;
  try {
    return await db.$transaction(async (tx) => {
      // One decision at a time per call: the envelope check sees every other grant.
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`jury-envelope:${callId}`}))`;
      const target = await tx.juryDossier.findFirst({
        where: { id: d.juryDossierId, dossier: { callId } },
        select: { id: true, lockedAt: true, dossier: { select: { id: true, requestedCents: true } } },
      });
      if (!target) throw new Refusal(fail("NOT_FOUND"));
      if (!target.lockedAt) throw new Refusal(fail("CONFLICT", "Verrouillez d’abord les notes de ce dossier avant d’enregistrer la décision."));
      const granted = d.decision === "LAUREATE" ? d.grantedCents! : null;
      if (granted !== null && granted > target.dossier.requestedCents) {
        throw new Refusal(
          fail("INVALID_INPUT", `Le montant accordé (${formatCents(granted)}) dépasse le montant demandé (${formatCents(target.dossier.requestedCents)}).`, {
            grantedCents: [`Au plus ${formatCents(target.dossier.requestedCents)} (montant demandé).`],
          }),
        );
      }
      const others = await tx.juryDossier.aggregate({ where: { dossier: { callId }, id: { not: target.id } }, _sum: { grantedCents: true } });
      const total = (others._sum.grantedCents ?? 0n) + (granted ?? 0n);
      if (total > ctx.call.budgetEnvelopeCents) {
        throw new Refusal(
          fail("INVALID_INPUT", `Le total accordé (${formatCents(total)}) dépasserait l’enveloppe de l’appel (${formatCents(ctx.call.budgetEnvelopeCents)}).`, {
            grantedCents: [`Reste disponible : ${formatCents(ctx.call.budgetEnvelopeCents - (others._sum.grantedCents ?? 0n))}.`],
          }),
        );
      }
      const now = new Date();
      await tx.juryDossier.update({ where: { id: target.id }, data: { decision: d.decision, grantedCents: granted, motivation: d.motivation, decidedAt: now } });
      await tx.dossier.update({
        where: { id: target.dossier.id },
        data: { grantedCents: granted, decidedAt: now, status: d.decision === "LAUREATE" ? "LAUREATE" : d.decision === "NOT_RETAINED" ? "NOT_RETAINED" : "AUDITIONED" },
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "jury.decision.recorded",
        entityType: "jury_dossier",
        entityId: target.id,
        data: { decision: d.decision, grantedCents: granted, motivation: d.motivation },
      });
      return ok(null);
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  }
}

/**
 * Locks the deliberation: every dossier locked and decided. Seals the final
 * record (ranking, recusals, decisions) in the audit chain with its digest;
 * the publication side requires `deliberationLockedAt`.
 */
export async function lockDeliberation(actor: Actor, callId: string): Promise<Result<{ digest: string }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  const ctx = await chairContext(actor, callId);
  if (!ctx) return fail("FORBIDDEN");
  const closed = deliberationOpen(ctx);
  if (closed) return closed;
  const pending = await db.juryDossier.count({ where: { dossier: { callId }, OR: [{ lockedAt: null }, { decision: null }] } });
  if (pending > 0) return fail("CONFLICT", `${pending} dossier(s) sans verrou ou sans décision : la délibération ne peut pas être verrouillée.`);
  // The sealed record is computed with staff-level visibility (all scores).
  const view = await getChairView(actor, { ...ctx, conflictedJuryDossierIds: new Set() });
  if (!view) return fail("FORBIDDEN");
  const record = {
    callId,
    ranking: view.ranking.dossiers.map((r) => ({ id: r.id, rank: r.rank, mean: r.mean, jurors: r.jurorCount, contested: r.contested })),
    recusals: view.jurors.map((j) => ({ memberId: j.memberId, dossiers: j.conflictedJuryDossierIds })),
    decisions: view.rows.map((r) => ({ id: r.juryDossierId, decision: r.decision, grantedCents: r.grantedCents, motivation: r.motivation })),
  };
  const digest = createHash("sha256").update(canonicalJson(record)).digest("hex");
  await db.$transaction(async (tx: Tx) => {
    const now = new Date();
    const updated = await tx.call.updateMany({ where: { id: callId, deliberationLockedAt: null }, data: { deliberationLockedAt: now, phase: "DELIBERATION" } });
    if (updated.count !== 1) throw new Error("deliberation already locked");
    await appendAudit(tx, { actorId: actor.userId, action: "jury.deliberation.locked", entityType: "call", entityId: callId, data: { digest, record } });
  });
  return ok({ digest });
}

/**
 * Staff draft every dossier's feedback from the locked record (criterion
 * bands, shareable remarks, decision) for review before release with the
 * results. Internal notes and juror names are never read here. A draft that
 * exists (possibly edited by staff) or was released is left as it is.
 */
export async function draftFeedbacks(actor: Actor, callId: string): Promise<Result<{ drafted: number }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const ctx = await loadJuryContext(actor, { id: callId });
  if (!ctx) return fail("NOT_FOUND");
  if (!ctx.call.deliberationLockedAt) return fail("CONFLICT", "Les retours sont rédigés une fois la délibération verrouillée.");
  const view = await getChairView(actor, { ...ctx, conflictedJuryDossierIds: new Set() });
  if (!view) return fail("FORBIDDEN");
  const [remarks, existing] = await Promise.all([
    db.juryEvaluation.findMany({
      where: { juryDossier: { dossier: { callId } }, submittedAt: { not: null }, feedback: { not: null } },
      // Stable order: the remarks' order must not depend on row creation.
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      select: { juryDossierId: true, feedback: true },
    }),
    db.juryDossier.findMany({ where: { dossier: { callId } }, select: { id: true, feedbackDraft: true, feedbackReleasedAt: true } }),
  ]);
  const untouched = new Set(existing.filter((e) => e.feedbackDraft === null && e.feedbackReleasedAt === null).map((e) => e.id));
  const { draftFeedback } = await import("./feedback");
  const rowById = new Map(view.rows.map((r) => [r.juryDossierId, r]));
  const drafts = view.ranking.dossiers
    .filter((d) => untouched.has(d.id))
    .map((d) => {
      const r = rowById.get(d.id)!;
      return {
        id: d.id,
        text: draftFeedback({
          title: r.title,
          criteria: ctx.criteria.map((c) => ({ label: c.label, mean: d.criterionMeans[c.key] ?? null })),
          scaleMax: ctx.grid.scaleMaxHalf / 2,
          shareable: remarks.filter((x) => x.juryDossierId === d.id).map((x) => x.feedback!),
          decision: r.decision as "LAUREATE" | "NOT_RETAINED" | "WAITING_LIST" | null,
          grantedCents: r.grantedCents,
        }),
      };
    });
  await db.$transaction(async (tx) => {
    // Only rows still without a draft: a concurrent edit or release is never overwritten.
    for (const d of drafts) await tx.juryDossier.updateMany({ where: { id: d.id, feedbackDraft: null, feedbackReleasedAt: null }, data: { feedbackDraft: d.text } });
    await appendAudit(tx, { actorId: actor.userId, action: "jury.feedback.drafted", entityType: "call", entityId: callId, data: { drafted: drafts.length } });
  });
  return ok({ drafted: drafts.length });
}

/** Staff edit one drafted feedback before its release; a released text is final. */
export async function saveFeedback(actor: Actor, callId: string, input: unknown): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const parsed = feedbackEditSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "Retour non enregistré : corrigez le texte.", fieldErrorsFromZod(parsed.error.issues));
  const { juryDossierId, text } = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await tx.juryDossier.findFirst({ where: { id: juryDossierId, dossier: { callId } }, select: { id: true, feedbackDraft: true, feedbackReleasedAt: true } });
    if (!row) return fail("NOT_FOUND");
    if (row.feedbackReleasedAt) return fail("CONFLICT", "Ce retour a déjà été transmis au candidat : il ne peut plus être modifié.");
    if (row.feedbackDraft === null) return fail("CONFLICT", "Préparez d’abord les retours : ce dossier n’a pas encore de brouillon.");
    if (row.feedbackDraft === text) return ok(null);
    const updated = await tx.juryDossier.updateMany({ where: { id: row.id, feedbackReleasedAt: null }, data: { feedbackDraft: text } });
    if (updated.count !== 1) return fail("CONFLICT", "Ce retour a déjà été transmis au candidat : il ne peut plus être modifié.");
    await appendAudit(tx, { actorId: actor.userId, action: "jury.feedback.edited", entityType: "jury_dossier", entityId: row.id, data: { from: row.feedbackDraft, to: text } });
    return ok(null);
  });
}

/**
 * Releases the drafted feedbacks of a call inside a transaction: used by the
 * results publication (same transaction, same instant) and by the staff
 * action for drafts written after it. Returns dossier id → text.
 */
export async function releaseDraftedFeedbacks(tx: Tx, callId: string, at: Date): Promise<Map<string, string>> {
  const rows = await tx.juryDossier.findMany({
    where: { dossier: { callId }, feedbackDraft: { not: null }, feedbackReleasedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, dossierId: true, feedbackDraft: true },
  });
  if (rows.length) await tx.juryDossier.updateMany({ where: { id: { in: rows.map((r) => r.id) }, feedbackReleasedAt: null }, data: { feedbackReleasedAt: at } });
  return new Map(rows.map((r) => [r.dossierId, r.feedbackDraft!]));
}

/** Staff release the drafts written after the results were published (those before went out with them). */
export async function releaseFeedbacks(actor: Actor, callId: string): Promise<Result<{ released: number }>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select id from call where id = ${callId}::uuid for update`;
    const call = await tx.call.findUnique({ where: { id: callId }, select: { resultsPublishedAt: true } });
    if (!call) return fail("NOT_FOUND");
    if (!call.resultsPublishedAt) return fail("CONFLICT", "Les retours sont transmis aux candidats avec la publication des résultats : publiez d’abord les résultats.");
    const released = await releaseDraftedFeedbacks(tx, callId, new Date());
    if (released.size === 0) return fail("CONFLICT", "Aucun retour préparé n’attend d’être transmis.");
    await appendAudit(tx, { actorId: actor.userId, action: "jury.feedback.released", entityType: "call", entityId: callId, data: { released: released.size } });
    return ok({ released: released.size });
  });
}

/**
 * Staff set the scoring grid before the day. Refused once a juror has saved
 * any evaluation (scores would change meaning) or the deliberation is locked.
 */
export async function saveScoringGrid(actor: Actor, callId: string, input: unknown): Promise<Result<null>> {
  if (!isUuid(callId)) return fail("FORBIDDEN");
  if (!can(actor, "jury.manage", { callId })) return fail("FORBIDDEN");
  const parsed = scoringGridSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "Grille non enregistrée : corrigez les champs signalés.", fieldErrorsFromZod(parsed.error.issues));
  const g = parsed.data;
  return db.$transaction(async (tx) => {
      // One grid edit at a time per call (two staff saving at once apply in turn).
      await tx.$executeRaw`select id from call where id = ${callId}::uuid for update`;
      const call = await tx.call.findUnique({
        where: { id: callId },
        select: {
          deliberationLockedAt: true,
          scoringGrid: { select: { scaleMaxHalf: true, stepHalf: true, commentMode: true, contestedSpreadHalf: true, cutSize: true, tieBreak: true } },
          criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, helpText: true, weight: true, thresholdHalf: true } },
        },
      });
      if (!call) return fail("NOT_FOUND");
      if (call.deliberationLockedAt) return fail("CONFLICT", "La délibération est verrouillée : la grille de notation ne peut plus être modifiée.");
      const started = await tx.juryEvaluation.count({ where: { juryDossier: { dossier: { callId } } } });
      if (started > 0) return fail("CONFLICT", "La notation a commencé : la grille ne peut plus être modifiée (les notes déjà saisies changeraient de sens).");
      const known = call.criteria.map((c) => c.key);
      const given = g.criteria.map((c) => c.key);
      if (known.length !== given.length || known.some((k) => !given.includes(k))) {
        return fail("INVALID_INPUT", "La grille ne correspond plus aux critères de l’appel : rechargez la page.", { criteria: ["Les critères de l’appel ont changé : rechargez la page."] });
      }
      const grid = { scaleMaxHalf: g.scaleMaxHalf, stepHalf: g.stepHalf, commentMode: g.commentMode, contestedSpreadHalf: g.contestedSpreadHalf, cutSize: g.cutSize, tieBreak: g.tieBreak };
      await tx.scoringGrid.upsert({ where: { callId }, create: { callId, ...grid }, update: grid });
      const byKey = new Map(call.criteria.map((c) => [c.key, c]));
      for (const c of g.criteria) {
        await tx.criterion.update({ where: { id: byKey.get(c.key)!.id }, data: { helpText: c.helpText || null, weight: c.weight, thresholdHalf: c.thresholdHalf } });
      }
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "jury.grid.saved",
        entityType: "call",
        entityId: callId,
        data: {
          from: { grid: call.scoringGrid, criteria: call.criteria.map(({ key, helpText, weight, thresholdHalf }) => ({ key, helpText, weight, thresholdHalf })) },
          to: { grid, criteria: g.criteria.map((c) => ({ ...c, helpText: c.helpText || null })) },
        },
      });
      return ok(null);
  });
}
