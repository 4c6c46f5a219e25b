import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Result } from "@/lib/server/result";
import { siteUrl } from "@/lib/publication/site-url";
import { formatParisDateTime, parisLocalToInstant } from "@/lib/time";
import {
  callRef,
  callSettingsInput,
  duplicateInput,
  percentToBps,
  questionRef,
  teamInput,
  teamRemoveInput,
  transitionInput,
  updateCallInput,
  type CallSettings,
} from "./call.schema";
import { loadChecklist } from "./manage.queries";
import { missingForOpening } from "./checklist";
import { checkTransition } from "./phase";
import { questionInput, toDefinition } from "./question-definition";

const slugTaken = (slug: string) => ({ slug: [`Adresse : « ${slug} » est déjà utilisée par un autre appel. Choisissez-en une autre.`] });
const NOT_FOUND = () => fail("NOT_FOUND", "Cet appel à projets est introuvable.");

/** The management space at all: refused before reading any input (deny by default). */
function consoleGate(actor: Actor | null): Result<never> | null {
  if (!actor) return fail("UNAUTHENTICATED");
  if (!can(actor, "call.console", null)) return fail("FORBIDDEN");
  return null;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

function columns(s: CallSettings) {
  const at = (local: string) => (local === "" ? null : parisLocalToInstant(local));
  return {
    title: s.title,
    slug: s.slug,
    summary: s.summary,
    description: s.description,
    kind: s.kind,
    themes: s.themes,
    eligibleKinds: s.eligibleKinds,
    budgetEnvelopeCents: BigInt(s.budgetEnvelopeCents ?? 0),
    minRequestedCents: s.minRequestedCents === null ? null : BigInt(s.minRequestedCents),
    maxRequestedCents: s.maxRequestedCents === null ? null : BigInt(s.maxRequestedCents),
    maxRateBps: percentToBps(s.maxRatePercent),
    opensAt: parisLocalToInstant(s.opensAt),
    closesAt: at(s.closesAt),
    preselectionAt: at(s.preselectionAt),
    auditionDays: s.auditionDays.filter((d) => d !== ""),
    resultsExpectedAt: at(s.resultsExpectedAt),
  };
}

/** « Exploitation des données » → « exploitation-des-donnees », unique among `taken`. */
export function categoryKey(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "categorie";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  taken.add(key);
  return key;
}

async function syncCategories(tx: Tx, callId: string, labels: string[]) {
  const existing = await tx.callCategory.findMany({ where: { callId }, select: { id: true, key: true, label: true, _count: { select: { dossiers: true } } } });
  const byLabel = new Map(existing.map((c) => [c.label.toLowerCase(), c]));
  const kept = new Set<string>();
  const taken = new Set(existing.map((c) => c.key));
  for (const [position, label] of labels.entries()) {
    const current = byLabel.get(label.toLowerCase());
    if (current) {
      kept.add(current.id);
      await tx.callCategory.update({ where: { id: current.id }, data: { label, position } });
    } else {
      await tx.callCategory.create({ data: { id: randomUUID(), callId, key: categoryKey(label, taken), label, position } });
    }
  }
  const removed = existing.filter((c) => !kept.has(c.id));
  if (removed.length > 0) await tx.callCategory.deleteMany({ where: { id: { in: removed.map((c) => c.id) } } });
}

/** Categories that dossiers use cannot go: checked before writing anything. */
async function categoriesInUse(callId: string, labels: string[]): Promise<string[]> {
  const wanted = new Set(labels.map((l) => l.toLowerCase()));
  const used = await db.callCategory.findMany({ where: { callId, dossiers: { some: {} } }, select: { label: true } });
  return used.filter((c) => !wanted.has(c.label.toLowerCase())).map((c) => c.label);
}

// ---------------------------------------------------------------- create

export async function createCall(actor: Actor | null, raw: unknown): Promise<Result<{ id: string; slug: string }>> {
  if (!actor) return fail("UNAUTHENTICATED");
  if (!can(actor, "call.manage", null)) return fail("FORBIDDEN", "Seuls les administrateurs peuvent créer un appel.");
  const parsed = callSettingsInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const s = parsed.data;
  if (await db.call.findUnique({ where: { slug: s.slug }, select: { id: true } })) return fail("INVALID_INPUT", undefined, slugTaken(s.slug));
  const id = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await tx.call.create({ data: { id, ...columns(s), phase: "DRAFT" } });
      await syncCategories(tx, id, s.categories);
      await appendAudit(tx, { actorId: actor.userId, action: "call.created", entityType: "call", entityId: id, data: { slug: s.slug, kind: s.kind } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("INVALID_INPUT", undefined, slugTaken(s.slug));
    throw e;
  }
  return ok({ id, slug: s.slug });
}

// ---------------------------------------------------------------- update (optimistic concurrency)

export const CONFLICT_MESSAGE =
  "Cet appel a été modifié par quelqu’un d’autre pendant que vous le modifiiez : vos changements n’ont pas été enregistrés. Rechargez la page pour partir de la version actuelle.";

export async function updateCall(actor: Actor | null, raw: unknown, now = new Date()): Promise<Result<{ slug: string; version: number }>> {
  const gate = consoleGate(actor);
  if (gate) return gate;
  const envelope = updateCallInput.safeParse(raw);
  if (!envelope.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(envelope.error.issues));
  const { callId, version } = envelope.data;
  const call = await db.call.findUnique({ where: { id: callId }, select: { id: true, phase: true, slug: true, kind: true, closesAt: true, version: true } });
  if (!call) return NOT_FOUND();
  if (!can(actor, "call.edit", call)) return fail("FORBIDDEN");
  const parsed = callSettingsInput.safeParse(envelope.data.values);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const s = parsed.data;
  const data = columns(s);

  if (call.phase !== "DRAFT") {
    const errors: Record<string, string[]> = {};
    if (s.slug !== call.slug) errors.slug = ["Adresse : elle ne peut plus changer une fois l’appel ouvert (les liens publiés la citent)."];
    if (s.kind !== call.kind) errors.kind = ["Type d’appel : il ne peut plus changer une fois l’appel ouvert."];
    if (call.phase === "OPEN" && call.closesAt && (!data.closesAt || data.closesAt < call.closesAt)) {
      errors.closesAt = [`Clôture des dépôts : un appel ouvert ne peut pas avancer sa date limite (${formatParisDateTime(call.closesAt)}) ; elle peut seulement être repoussée.`];
    } else if (call.phase === "OPEN" && data.closesAt && data.closesAt <= now) {
      errors.closesAt = ["Clôture des dépôts : la date est passée ; choisissez une date future."];
    }
    if (Object.keys(errors).length > 0) return fail("INVALID_INPUT", undefined, errors);
  }
  if (s.slug !== call.slug && (await db.call.findUnique({ where: { slug: s.slug }, select: { id: true } }))) return fail("INVALID_INPUT", undefined, slugTaken(s.slug));
  const inUse = await categoriesInUse(callId, s.categories);
  if (inUse.length > 0) {
    return fail("INVALID_INPUT", undefined, { categories: [`Catégories : ${inUse.map((l) => `« ${l} »`).join(", ")} a déjà des dossiers et ne peut pas être retirée.`] });
  }

  try {
    const saved = await db.$transaction(async (tx) => {
      // The version in the WHERE clause is the optimistic lock: a stale form writes nothing.
      const updated = await tx.call.updateMany({ where: { id: callId, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) return null;
      await syncCategories(tx, callId, s.categories);
      await appendAudit(tx, { actorId: actor!.userId, action: "call.updated", entityType: "call", entityId: callId, data: { slug: s.slug, fromVersion: version } });
      return version + 1;
    });
    if (saved === null) return fail("CONFLICT", CONFLICT_MESSAGE);
    return ok({ slug: s.slug, version: saved });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("INVALID_INPUT", undefined, slugTaken(s.slug));
    throw e;
  }
}

// ---------------------------------------------------------------- questions

async function lockCall(tx: Tx, callId: string) {
  await tx.$executeRaw`select id from call where id = ${callId}::uuid for update`;
}

/** Once a dossier was submitted to the call, its form is fixed: only optional questions may be added. */
async function formLocked(tx: Tx, callId: string): Promise<boolean> {
  return (await tx.dossier.count({ where: { callId, submittedAt: { not: null } } })) > 0;
}

export async function addQuestion(actor: Actor | null, raw: unknown): Promise<Result<{ id: string; key: string }>> {
  const gate = consoleGate(actor);
  if (gate) return gate;
  const ref = callRef.safeParse(raw);
  if (!ref.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(ref.error.issues));
  const call = await db.call.findUnique({ where: { id: ref.data.callId }, select: { id: true, phase: true } });
  if (!call) return NOT_FOUND();
  if (!can(actor, "call.edit", call)) return fail("FORBIDDEN");
  const parsed = questionInput.safeParse((raw as { question?: unknown }).question);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const definition = toDefinition(parsed.data);
  return db.$transaction(async (tx): Promise<Result<{ id: string; key: string }>> => {
    await lockCall(tx, call.id);
    if (definition.required && (await formLocked(tx, call.id))) {
      return fail("INVALID_INPUT", undefined, { required: ["Des dossiers ont déjà été déposés : seule une question facultative peut encore être ajoutée."] });
    }
    const count = await tx.callQuestion.count({ where: { callId: call.id } });
    if (count >= 50) return fail("INVALID_INPUT", "50 questions au maximum par appel.");
    const id = randomUUID();
    const key = `q_${id.replace(/-/g, "").slice(0, 12)}`;
    await tx.callQuestion.create({ data: { id, callId: call.id, key, position: count, ...definition, config: definition.config as object } });
    await appendAudit(tx, { actorId: actor!.userId, action: "call.question_added", entityType: "call", entityId: call.id, data: { key, type: definition.type, required: definition.required } });
    return ok({ id, key });
  });
}

export async function removeQuestion(actor: Actor | null, raw: unknown): Promise<Result<{ removed: string }>> {
  const gate = consoleGate(actor);
  if (gate) return gate;
  const ref = questionRef.safeParse(raw);
  if (!ref.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(ref.error.issues));
  const call = await db.call.findUnique({ where: { id: ref.data.callId }, select: { id: true, phase: true } });
  if (!call) return NOT_FOUND();
  if (!can(actor, "call.edit", call)) return fail("FORBIDDEN");
  return db.$transaction(async (tx): Promise<Result<{ removed: string }>> => {
    await lockCall(tx, call.id);
    if (await formLocked(tx, call.id)) return fail("CONFLICT", "Des dossiers ont déjà été déposés sur cet appel : ses questions ne peuvent plus être modifiées ni retirées.");
    const question = await tx.callQuestion.findFirst({ where: { id: ref.data.questionId, callId: call.id }, select: { key: true } });
    if (!question) return fail("NOT_FOUND", "Cette question est introuvable.");
    await tx.callQuestion.delete({ where: { id: ref.data.questionId } });
    const rest = await tx.callQuestion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" }, select: { id: true } });
    for (const [position, q] of rest.entries()) await tx.callQuestion.update({ where: { id: q.id }, data: { position } });
    await appendAudit(tx, { actorId: actor!.userId, action: "call.question_removed", entityType: "call", entityId: call.id, data: { key: question.key } });
    return ok({ removed: question.key });
  });
}

// ---------------------------------------------------------------- phases

export type TransitionDone = { from: CallPhase; to: CallPhase; notified: number };

export async function transitionCall(actor: Actor | null, raw: unknown, now = new Date()): Promise<Result<TransitionDone>> {
  const gate = consoleGate(actor);
  if (gate) return gate;
  const parsed = transitionInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues));
  const { callId, to } = parsed.data;
  const newClosesAt = parsed.data.newClosesAt ? parisLocalToInstant(parsed.data.newClosesAt) : null;
  return db.$transaction(async (tx): Promise<Result<TransitionDone>> => {
    await lockCall(tx, callId);
    const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true, slug: true, title: true, kind: true, phase: true, closesAt: true } });
    if (!call) return NOT_FOUND();
    if (!can(actor, "call.transition", { id: call.id, phase: call.phase, to })) {
      return fail("FORBIDDEN", call.phase === "DRAFT" && to === "OPEN" ? "Seuls les administrateurs peuvent ouvrir un appel." : undefined);
    }
    const missing = call.phase === "DRAFT" ? missingForOpening(await loadChecklist(tx, call.id, now)) : [];
    const check = checkTransition({ kind: call.kind, phase: call.phase, closesAt: call.closesAt, missing, newClosesAt, now }, to, call.slug);
    if (!check.ok) return fail(check.field === "newClosesAt" ? "INVALID_INPUT" : "CONFLICT", check.message, check.field ? { [check.field]: [check.message] } : undefined);

    const reopening = call.phase === "CLOSED" && to === "OPEN";
    await tx.call.update({ where: { id: call.id }, data: { phase: to, ...(reopening ? { closesAt: newClosesAt } : {}), version: { increment: 1 } } });
    let notified = 0;
    if (reopening) {
      // Every administration with a dossier or a draft on the call hears of the new deadline.
      const users = await tx.user.findMany({
        where: { disabledAt: null, administration: { dossiers: { some: { callId: call.id, status: { not: "WITHDRAWN" } } } } },
        orderBy: { email: "asc" },
        select: { id: true, email: true },
      });
      const deadline = formatParisDateTime(newClosesAt!);
      for (const user of users) {
        await enqueueMail(tx, {
          dedupeKey: `call-reopened:${call.id}:${newClosesAt!.toISOString()}:${user.id}`,
          to: user.email,
          subject: `Dépôts rouverts — ${call.title}`,
          text: [
            "Bonjour,",
            "",
            `Les dépôts de l’appel « ${call.title} » sont rouverts jusqu’au ${deadline} (heure de Paris), pour toutes les administrations.`,
            "Vos brouillons sont de nouveau modifiables et peuvent être déposés jusqu’à cette date.",
            "",
            `Page de l’appel : ${siteUrl(`/appels/${call.slug}`)}`,
            "",
            "L’équipe du programme",
          ].join("\n"),
        });
        notified++;
      }
    }
    await appendAudit(tx, {
      actorId: actor!.userId,
      action: "call.phase_changed",
      entityType: "call",
      entityId: call.id,
      data: { from: call.phase, to, ...(reopening ? { closesAt: newClosesAt!.toISOString(), notified } : {}) },
    });
    return ok({ from: call.phase, to, notified });
  });
}

// ---------------------------------------------------------------- duplicate

export async function duplicateCall(actor: Actor | null, raw: unknown): Promise<Result<{ id: string; slug: string }>> {
  if (!actor) return fail("UNAUTHENTICATED");
  if (!can(actor, "call.manage", null)) return fail("FORBIDDEN", "Seuls les administrateurs peuvent dupliquer un appel.");
  const parsed = duplicateInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { callId, title, slug, kind } = parsed.data;
  const source = await db.call.findUnique({
    where: { id: callId },
    include: { categories: { orderBy: { position: "asc" } }, criteria: { orderBy: { position: "asc" } }, questions: { orderBy: { position: "asc" } }, scoringGrid: true },
  });
  if (!source) return NOT_FOUND();
  if (await db.call.findUnique({ where: { slug }, select: { id: true } })) return fail("INVALID_INPUT", undefined, slugTaken(slug));
  const id = randomUUID();
  const rolling = kind === "ROLLING";
  try {
    await db.$transaction(async (tx) => {
      await tx.call.create({
        data: {
          id,
          slug,
          title,
          kind,
          phase: "DRAFT",
          summary: source.summary,
          description: source.description,
          themes: source.themes,
          eligibleKinds: source.eligibleKinds,
          opensAt: source.opensAt,
          // A rolling window has no deadline nor jury timeline.
          closesAt: rolling ? null : source.closesAt,
          preselectionAt: rolling ? null : source.preselectionAt,
          auditionDays: rolling ? [] : source.auditionDays,
          resultsExpectedAt: rolling ? null : source.resultsExpectedAt,
          grantorName: source.grantorName,
          grantorSiret: source.grantorSiret,
          budgetEnvelopeCents: source.budgetEnvelopeCents,
          minRequestedCents: source.minRequestedCents,
          maxRequestedCents: source.maxRequestedCents,
          maxRateBps: source.maxRateBps,
          // The retention period is a setting; the archive date is not.
          retentionMonths: source.retentionMonths,
        },
      });
      await tx.callCategory.createMany({ data: source.categories.map((c) => ({ id: randomUUID(), callId: id, key: c.key, label: c.label, position: c.position })) });
      await tx.criterion.createMany({
        data: source.criteria.map((c) => ({ id: randomUUID(), callId: id, key: c.key, label: c.label, helpText: c.helpText, weight: c.weight, position: c.position, thresholdHalf: c.thresholdHalf })),
      });
      await tx.callQuestion.createMany({
        data: source.questions.map((q) => ({ id: randomUUID(), callId: id, key: q.key, position: q.position, type: q.type, label: q.label, helpText: q.helpText, required: q.required, config: q.config as object })),
      });
      if (source.scoringGrid) {
        const { id: _gridId, callId: _callId, createdAt: _c, updatedAt: _u, ...grid } = source.scoringGrid;
        await tx.scoringGrid.create({ data: { ...grid, id: randomUUID(), callId: id } });
      }
      await appendAudit(tx, { actorId: actor.userId, action: "call.duplicated", entityType: "call", entityId: id, data: { from: source.id, fromSlug: source.slug, slug, kind } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("INVALID_INPUT", undefined, slugTaken(slug));
    throw e;
  }
  return ok({ id, slug });
}

// ---------------------------------------------------------------- team and jury

export async function addTeamMember(actor: Actor | null, raw: unknown): Promise<Result<{ userId: string }>> {
  if (!actor) return fail("UNAUTHENTICATED");
  if (!can(actor, "call.manage", null)) return fail("FORBIDDEN", "Seuls les administrateurs composent l’équipe et le jury d’un appel.");
  const parsed = teamInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { callId, email, role } = parsed.data;
  const call = await db.call.findUnique({ where: { id: callId }, select: { id: true } });
  if (!call) return NOT_FOUND();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, administrationId: true, disabledAt: true } });
  if (!user || user.disabledAt) return fail("INVALID_INPUT", undefined, { email: ["Adresse électronique : aucun compte actif n’a cette adresse. Créez d’abord le compte."] });
  if (user.administrationId) return fail("INVALID_INPUT", undefined, { email: ["Adresse électronique : c’est le compte d’un agent d’une administration candidate ; il ne peut pas rejoindre l’équipe ni le jury."] });
  await db.$transaction(async (tx) => {
    const grantRole = role === "STAFF" ? "STAFF" : "JURY";
    const existing = await tx.roleGrant.findFirst({ where: { userId: user.id, role: grantRole, callId }, select: { id: true } });
    if (!existing) await tx.roleGrant.create({ data: { id: randomUUID(), userId: user.id, role: grantRole, callId } });
    if (role !== "STAFF") {
      const isChair = role === "JURY_CHAIR";
      if (isChair) await tx.juryMember.updateMany({ where: { callId, isChair: true }, data: { isChair: false } });
      await tx.juryMember.upsert({ where: { callId_userId: { callId, userId: user.id } }, create: { id: randomUUID(), callId, userId: user.id, isChair }, update: { isChair } });
    }
    await appendAudit(tx, { actorId: actor.userId, action: "call.team_added", entityType: "call", entityId: callId, data: { userId: user.id, role } });
  });
  return ok({ userId: user.id });
}

export async function removeTeamMember(actor: Actor | null, raw: unknown): Promise<Result<{ userId: string }>> {
  if (!actor) return fail("UNAUTHENTICATED");
  if (!can(actor, "call.manage", null)) return fail("FORBIDDEN");
  const parsed = teamRemoveInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { callId, userId, role } = parsed.data;
  return db.$transaction(async (tx): Promise<Result<{ userId: string }>> => {
    if (role === "JURY") {
      const member = await tx.juryMember.findUnique({ where: { callId_userId: { callId, userId } }, select: { id: true, _count: { select: { evaluations: true } } } });
      if (member && member._count.evaluations > 0) return fail("CONFLICT", "Ce juré a déjà noté des dossiers : il ne peut plus être retiré du jury.");
      if (member) await tx.juryMember.delete({ where: { id: member.id } });
    }
    const removed = await tx.roleGrant.deleteMany({ where: { userId, role, callId } });
    if (removed.count === 0 && role === "STAFF") return fail("NOT_FOUND", "Cette personne ne fait pas partie de l’équipe de l’appel.");
    await appendAudit(tx, { actorId: actor.userId, action: "call.team_removed", entityType: "call", entityId: callId, data: { userId, role } });
    return ok({ userId });
  });
}
