import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit, preparedAuditEvent } from "@/lib/audit/audit";
import { ADMINISTRATION_KIND_LABEL } from "@/lib/calls/call.schema";
import { loadQuestions } from "@/lib/calls/manage.queries";
import { answersSchema } from "@/lib/calls/questions.schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { formatCents } from "@/lib/money";
import { db } from "@/lib/server/db";
import { hotRow, hotStatement } from "@/lib/server/hot-sql";
import { runWrite } from "@/lib/server/retry";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Err, type Result } from "@/lib/server/result";
import { formatParisDateTime, TIME_ZONE } from "@/lib/time";
import { isSlug } from "@/lib/validation/ids";
import { budgetTotals, type BudgetLine } from "./budget";
import { validateForSubmission } from "./submission-check";
import { submissionWindow } from "./deadline";
import {
  draftStepSchemas,
  saveStepInput,
  stepSchemas,
  submitInput,
  withdrawInput,
  type DossierContent,
  type FormStepKey,
} from "./dossier.schema";
import { logRefusal, recordDossierEvent } from "./dossier.events";
import { loadSubmissionState } from "./dossier.queries";
import { correctionAnswerInput, correctionRequestInput } from "@/lib/review/review.schema";
import { correctionDueAt } from "@/lib/review/preselection-rules";

/** A dossier can be written while it is a draft, or after staff asked for a correction. */
const EDITABLE: DossierStatus[] = ["DRAFT", "CORRECTION_REQUESTED"];

export type ConflictErr = Err & {
  code: "CONFLICT";
  /** What the server holds now, so the person sees what changed and chooses. */
  current: { version: number; step: FormStepKey; values: unknown; updatedAt: string };
};

function refuse<T extends Err>(action: string, actor: Actor | null, dossierId: string | null, err: T): T {
  logRefusal(action, actor?.userId ?? null, dossierId, err.code, err.message);
  return err;
}

// ---------------------------------------------------------------- create

export async function createDraft(actor: Actor, callSlug: string, now = new Date()): Promise<Result<{ id: string }>> {
  if (!isSlug(callSlug)) return refuse("dossier.create", actor, null, fail("NOT_FOUND", "Cet appel à projets est introuvable."));
  const call = await db.call.findUnique({ where: { slug: callSlug }, select: { id: true, phase: true, kind: true, opensAt: true, closesAt: true, eligibleKinds: true } });
  if (!call || call.phase === "DRAFT") return refuse("dossier.create", actor, null, fail("NOT_FOUND", "Cet appel à projets est introuvable."));
  if (!can(actor, "dossier.create", call)) return refuse("dossier.create", actor, null, fail("FORBIDDEN", "Seuls les agents d’une administration candidate peuvent déposer un dossier."));
  const window = submissionWindow(call, now);
  if (!window.open) return refuse("dossier.create", actor, null, fail("DEADLINE_PASSED", window.message));
  if (call.eligibleKinds.length > 0) {
    const administration = await db.administration.findUniqueOrThrow({ where: { id: actor.administrationId! }, select: { kind: true } });
    if (!call.eligibleKinds.includes(administration.kind)) {
      const allowed = call.eligibleKinds.map((k) => ADMINISTRATION_KIND_LABEL[k].toLowerCase()).join(", ");
      return refuse("dossier.create", actor, null, fail("FORBIDDEN", `Votre administration n’est pas éligible à cet appel, ouvert aux : ${allowed}.`));
    }
  }
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.dossier.create({
      data: { id, callId: call.id, administrationId: actor.administrationId!, createdById: actor.userId, title: "", summary: "", content: {} },
    });
    await recordDossierEvent(tx, { dossierId: id, status: "DRAFT", message: "Brouillon créé.", actorId: actor.userId, at: now });
    await appendAudit(tx, { actorId: actor.userId, action: "dossier.created", entityType: "dossier", entityId: id, data: { callId: call.id } });
  });
  return ok({ id });
}

// ---------------------------------------------------------------- save a step

/**
 * Saves one step of a draft. The browser sends the version it started from;
 * if someone saved in between, nothing is written and the current values
 * come back (CONFLICT): a save is never silently overwritten.
 */
export async function saveStep(actor: Actor, raw: unknown): Promise<Result<{ version: number; savedAt: string }> | ConflictErr> {
  const envelope = saveStepInput.safeParse(raw);
  if (!envelope.success) return refuse("dossier.save", actor, null, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(envelope.error.issues)));
  const { dossierId, step, version } = envelope.data;

  const dossier = await db.dossier.findFirst({
    // Scoped by the session: another administration's dossier does not exist here.
    where: { id: dossierId, administrationId: actor.administrationId ?? "00000000-0000-0000-0000-000000000000" },
    select: { id: true, callId: true, administrationId: true, status: true, version: true, content: true, updatedAt: true },
  });
  if (!dossier || !can(actor, "dossier.edit", dossier)) return refuse("dossier.save", actor, dossierId, fail("NOT_FOUND", "Ce dossier est introuvable."));
  if (!EDITABLE.includes(dossier.status)) {
    return refuse("dossier.save", actor, dossierId, fail("FORBIDDEN", "Ce dossier a été déposé : il ne peut plus être modifié."));
  }

  // The call's own questions: their schema is built from the call's definitions.
  const schema = step === "questions" ? answersSchema(await loadQuestions(db, dossier.callId), "draft") : draftStepSchemas[step];
  const parsed = schema.safeParse(envelope.data.values);
  if (!parsed.success) return refuse("dossier.save", actor, dossierId, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues)));
  const values = parsed.data as Record<string, unknown>;

  const columns: { title?: string; summary?: string; categoryId?: string | null; totalCostCents?: bigint; requestedCents?: bigint } = {};
  if (step === "project") {
    columns.title = typeof values.title === "string" ? values.title : "";
    columns.summary = typeof values.summary === "string" ? values.summary : "";
  }
  if (step === "category") {
    const key = typeof values.categoryKey === "string" && values.categoryKey !== "" ? values.categoryKey : null;
    if (key) {
      const category = await db.callCategory.findUnique({ where: { callId_key: { callId: dossier.callId, key } }, select: { id: true } });
      if (!category) return refuse("dossier.save", actor, dossierId, fail("INVALID_INPUT", undefined, { categoryKey: ["Catégorie : choisissez une catégorie de cet appel."] }));
      columns.categoryId = category.id;
    } else columns.categoryId = null;
  }
  if (step === "budget") {
    const lines = (Array.isArray(values.lines) ? values.lines : []) as Partial<BudgetLine>[];
    columns.totalCostCents = lines.reduce((s, l) => s + BigInt(typeof l.amountCents === "number" ? l.amountCents : 0), 0n);
    columns.requestedCents = BigInt(typeof values.requestedCents === "number" ? values.requestedCents : 0);
  }

  const content = { ...(dossier.content as DossierContent), [step]: values };
  const now = new Date();
  const saved = await db.$transaction(async (tx) => {
    // The version in the WHERE clause is the optimistic lock.
    const updated = await tx.dossier.updateMany({
      where: { id: dossierId, administrationId: dossier.administrationId, version, status: { in: EDITABLE } },
      data: { ...columns, content: content as object, version: { increment: 1 }, updatedAt: now },
    });
    if (updated.count === 0) return null;
    return tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { version: true } });
  });
  if (!saved) {
    const current = await db.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { version: true, content: true, updatedAt: true, status: true } });
    if (!EDITABLE.includes(current.status)) return refuse("dossier.save", actor, dossierId, fail("FORBIDDEN", "Ce dossier a été déposé : il ne peut plus être modifié."));
    const conflict: ConflictErr = {
      ...fail("CONFLICT", "Quelqu’un a enregistré ce dossier pendant que vous le modifiiez. Comparez les deux versions et choisissez celle à garder."),
      code: "CONFLICT",
      current: { version: current.version, step, values: (current.content as DossierContent)[step] ?? null, updatedAt: current.updatedAt.toISOString() },
    };
    return refuse("dossier.save", actor, dossierId, conflict);
  }
  return ok({ version: saved.version, savedAt: now.toISOString() });
}

// ---------------------------------------------------------------- submit

// Built once: a formatter costs far more to create than to use (it showed in the deadline-surge profile).
const parisYearFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric" });

function parisYear(now: Date): string {
  return parisYearFormatter.format(now);
}

async function lockDossier(tx: Tx, dossierId: string, administrationId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    select id from dossier where id = ${dossierId}::uuid and administration_id = ${administrationId}::uuid for update`;
  return rows.length === 1;
}


export type Submission = { reference: string; submittedAt: string; replayed: boolean };

const SUBMIT_WRITE = hotStatement("dossier_submit_write", `select dossier_submit_write($1::uuid, $2::uuid, $3::integer, $4::call_phase, $5::timestamptz, $6::timestamptz, $7::text[],
           $8::text, $9::timestamptz, $10::integer, $11::text, $12::text, $13::uuid, $14::bigint, $15::bigint, $16::uuid, $17::text,
           $18::text, $19::text, $20::text, $21::text, $22::timestamptz, $23::jsonb, $24::text, $25::text) as r`);

/**
 * Submits a dossier. Idempotent: the same idempotency key returns the same
 * receipt; a second submission with another key is refused. The deadline is
 * read on the server's clock when the request is processed.
 */
export async function submitDossier(actor: Actor, raw: unknown, now = new Date()): Promise<Result<Submission>> {
  const input = submitInput.safeParse(raw);
  if (!input.success) return refuse("dossier.submit", actor, null, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(input.error.issues)));
  const { dossierId, idempotencyKey } = input.data;
  const administrationId = actor.administrationId;
  if (!administrationId) return refuse("dossier.submit", actor, dossierId, fail("NOT_FOUND", "Ce dossier est introuvable."));

  // Read, check and prepare in TypeScript; write in one statement that re-checks under the row lock
  // (dossier_submit_write, migration 20261202100000). A few attempts: a co-editor's autosave may land in between.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const state = await loadSubmissionState(dossierId, administrationId, idempotencyKey);
    const dossier = state.dossier;
    if (!dossier || !can(actor, "dossier.submit", dossier)) return refuse("dossier.submit", actor, dossierId, fail("NOT_FOUND", "Ce dossier est introuvable."));
    if (state.replayOf !== null) {
      if (state.replayOf !== dossierId || !dossier.reference || !dossier.submittedAt) return refuse("dossier.submit", actor, dossierId, fail("INVALID_INPUT", "Clé de dépôt déjà utilisée."));
      // A retried request: same receipt, nothing new.
      return ok({ reference: dossier.reference, submittedAt: dossier.submittedAt.toISOString(), replayed: true });
    }
    if (!EDITABLE.includes(dossier.status)) {
      const when = dossier.submittedAt ? ` le ${formatParisDateTime(dossier.submittedAt)}` : "";
      return refuse(
        "dossier.submit",
        actor,
        dossierId,
        fail("CONFLICT", `Ce dossier a déjà été déposé${when}${dossier.reference ? ` (n° ${dossier.reference})` : ""} : il ne peut pas l’être une seconde fois.`),
      );
    }
    // A correction requested by staff may be sent back after the deadline.
    if (dossier.status === "DRAFT") {
      const window = submissionWindow(dossier.call, now);
      if (!window.open) return refuse("dossier.submit", actor, dossierId, fail("DEADLINE_PASSED", window.message));
    }
    const content = dossier.content as DossierContent;
    const errors = validateForSubmission(content, dossier.call, state.questions, state.questions.some((q) => q.type === "FILE") ? state.attachmentNames : []);
    if (Object.keys(errors).length > 0) {
      return refuse("dossier.submit", actor, dossierId, fail("INVALID_INPUT", "Le dossier est incomplet : corrigez les champs signalés avant de le déposer.", errors));
    }
    const budget = stepSchemas.budget.parse(content.budget);
    const categoryKey = stepSchemas.category.parse(content.category).categoryKey;
    const category = state.categories.find((c) => c.key === categoryKey);
    if (!category) return refuse("dossier.submit", actor, dossierId, fail("INVALID_INPUT", undefined, { "category.categoryKey": ["Catégorie : choisissez une catégorie de cet appel."] }));
    const project = stepSchemas.project.parse(content.project);

    // The receipt number is drawn by the database once every check has passed; until then the texts quote this mark.
    const placeholder = `@@reference-${randomUUID()}@@`;
    const reference = dossier.reference ?? placeholder;
    const resubmission = dossier.status === "CORRECTION_REQUESTED";
    const ackPath = `/espace/dossiers/${dossierId}/accuse-de-reception`;
    const text = [
      "Bonjour,",
      "",
      `Votre dossier « ${project.title} » a bien été déposé sur Lauréat pour l’appel « ${dossier.call.title} ».`,
      "",
      `Numéro de dépôt : ${reference}`,
      `Date du dépôt : ${formatParisDateTime(now)} (heure de Paris)`,
      `Cofinancement demandé : ${formatCents(BigInt(budget.requestedCents))}`,
      "",
      `Accusé de réception : ${(process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "")}${ackPath}`,
      "",
      "Ce message vaut accusé de réception. Conservez-le.",
      "L’équipe du programme",
    ].join("\n");
    const audit = preparedAuditEvent({ actorId: actor.userId, action: "dossier.submitted", entityType: "dossier", entityId: dossierId, data: { reference, resubmission } });
    // A lost connection (outcome unknown) is a RETRYABLE answer: the person re-sends with the same idempotency key,
    // which returns the first submission's receipt if it did commit, or submits once if it did not.
    const written = await runWrite(async () => {
      const eventMessage = resubmission ? `Dossier corrigé et déposé à nouveau (n° ${reference}).` : `Dossier déposé (n° ${reference}).`;
      const row = await hotRow<{ r: { status: "SAVED" | "STALE" | "REPLAY"; reference?: string } }>(
        SUBMIT_WRITE,
        [
          dossierId, administrationId, dossier.version, dossier.call.phase, dossier.call.opensAt, dossier.call.closesAt, state.attachmentNames,
          idempotencyKey, now, parisYear(now), project.title, project.summary, category.id,
          String(budgetTotals(budget.lines).totalCents), String(budget.requestedCents), actor.userId, eventMessage,
          `dossier-ack:${idempotencyKey}`, actor.email, `Accusé de réception — dossier ${reference}`, text,
          audit.at, audit.dataJson, audit.canonicalWithoutPrev, placeholder,
        ],
      );
      return row!.r;
    });
    if (!written.ok) return refuse("dossier.submit", actor, dossierId, written);
    if (written.data.status === "SAVED") return ok({ reference: written.data.reference!, submittedAt: now.toISOString(), replayed: false });
    // STALE or REPLAY: read again (a replay then answers with its receipt).
  }
  return refuse("dossier.submit", actor, dossierId, fail("CONFLICT", "Le dossier a été modifié pendant son dépôt : vérifiez-le, puis déposez-le de nouveau."));
}

// ---------------------------------------------------------------- withdraw

export async function withdrawDossier(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ status: "WITHDRAWN" }>> {
  const input = withdrawInput.safeParse(raw);
  if (!input.success) return refuse("dossier.withdraw", actor, null, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(input.error.issues)));
  const { dossierId, reason } = input.data;
  const administrationId = actor.administrationId;
  if (!administrationId) return refuse("dossier.withdraw", actor, dossierId, fail("NOT_FOUND", "Ce dossier est introuvable."));
  const result = await db.$transaction(async (tx): Promise<Result<{ status: "WITHDRAWN" }>> => {
    if (!(await lockDossier(tx, dossierId, administrationId))) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    const dossier = await tx.dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: { id: true, callId: true, administrationId: true, status: true, call: { select: { kind: true, phase: true, opensAt: true, closesAt: true } } },
    });
    if (!can(actor, "dossier.withdraw", dossier)) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    if (!["DRAFT", "SUBMITTED", "CORRECTION_REQUESTED"].includes(dossier.status)) {
      return fail("FORBIDDEN", "Ce dossier est en cours d’examen : il ne peut plus être retiré en ligne. Contactez l’équipe du programme.");
    }
    const window = submissionWindow(dossier.call, now);
    if (dossier.status === "SUBMITTED" && !window.open) return fail("DEADLINE_PASSED", "La date limite est passée : le dossier ne peut plus être retiré en ligne.");
    await tx.dossier.update({ where: { id: dossierId }, data: { status: "WITHDRAWN", version: { increment: 1 } } });
    await recordDossierEvent(tx, { dossierId, status: "WITHDRAWN", message: reason ? `Dossier retiré : ${reason}` : "Dossier retiré par l’administration.", actorId: actor.userId, at: now });
    await appendAudit(tx, { actorId: actor.userId, action: "dossier.withdrawn", entityType: "dossier", entityId: dossierId, data: { from: dossier.status } });
    return ok({ status: "WITHDRAWN" as const });
  });
  if (!result.ok) return refuse("dossier.withdraw", actor, dossierId, result);
  return result;
}

// ---------------------------------------------------------------- staff: request a correction

export type CorrectionRequested = { status: "CORRECTION_REQUESTED"; dueAt: string };

/**
 * Staff reopen a submitted dossier: a message and a due date (23:59 Paris
 * that day). The applicant is e-mailed in the same transaction (outbox) and
 * sees the request on the dossier; the history and the audit keep it.
 */
export async function requestCorrection(actor: Actor, raw: unknown, now = new Date()): Promise<Result<CorrectionRequested>> {
  const input = correctionRequestInput.safeParse(raw);
  if (!input.success) return refuse("dossier.requestCorrection", actor, null, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(input.error.issues)));
  const { dossierId, message, dueDate } = input.data;
  const due = correctionDueAt(dueDate, now);
  if (!due.ok) return refuse("dossier.requestCorrection", actor, dossierId, fail("INVALID_INPUT", due.message, { dueDate: [due.message] }));
  const result = await db.$transaction(async (tx): Promise<Result<CorrectionRequested>> => {
    const rows = await tx.$queryRaw<{ id: string }[]>`select id from dossier where id = ${dossierId}::uuid for update`;
    if (rows.length === 0) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    const dossier = await tx.dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: { id: true, callId: true, administrationId: true, status: true, reference: true, title: true, createdBy: { select: { email: true, disabledAt: true } } },
    });
    if (!can(actor, "dossier.requestCorrection", dossier)) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    if (!["SUBMITTED", "UNDER_REVIEW"].includes(dossier.status)) return fail("CONFLICT", "Une correction ne peut être demandée que sur un dossier déposé ou en instruction.");
    await tx.dossier.update({ where: { id: dossierId }, data: { status: "CORRECTION_REQUESTED", version: { increment: 1 } } });
    const correctionId = randomUUID();
    await tx.correctionRequest.create({ data: { id: correctionId, dossierId, message, dueAt: due.dueAt, requestedById: actor.userId, requestedAt: now } });
    await recordDossierEvent(tx, { dossierId, status: "CORRECTION_REQUESTED", message, actorId: actor.userId, at: now });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "dossier.correctionRequested",
      entityType: "dossier",
      entityId: dossierId,
      data: { before: { status: dossier.status }, after: { status: "CORRECTION_REQUESTED", dueAt: due.dueAt.toISOString() }, correctionId },
    });
    // Every active member of the administration: the author may have left.
    const recipients = await tx.user.findMany({ where: { administrationId: dossier.administrationId, disabledAt: null }, select: { email: true }, orderBy: { email: "asc" } });
    const link = `${(process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "")}/espace/dossiers/${dossierId}`;
    for (const { email } of recipients) {
      await enqueueMail(tx, {
        dedupeKey: `dossier-correction:${correctionId}:${email}`,
        to: email,
        subject: `Correction demandée — dossier ${dossier.reference ?? ""}`.trim(),
        text: [
          "Bonjour,",
          "",
          `L’équipe du programme vous demande de compléter ou corriger le dossier « ${dossier.title} » (n° ${dossier.reference ?? "—"}) :`,
          "",
          message,
          "",
          `À faire avant le ${formatParisDateTime(due.dueAt)} (heure de Paris).`,
          `Le dossier est de nouveau modifiable : répondez et déposez-le à nouveau depuis ${link}`,
          "",
          "L’équipe du programme",
        ].join("\n"),
      });
    }
    return ok({ status: "CORRECTION_REQUESTED" as const, dueAt: due.dueAt.toISOString() });
  });
  if (!result.ok) return refuse("dossier.requestCorrection", actor, dossierId, result);
  return result;
}

// ---------------------------------------------------------------- applicant: answer a correction request

/** The applicant answers staff's request (a message kept in the history); re-submitting is a separate step. */
export async function answerCorrection(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ answeredAt: string }>> {
  const input = correctionAnswerInput.safeParse(raw);
  if (!input.success) return refuse("dossier.answerCorrection", actor, null, fail("INVALID_INPUT", undefined, fieldErrorsFromZod(input.error.issues)));
  const { dossierId, answer } = input.data;
  const administrationId = actor.administrationId;
  if (!administrationId) return refuse("dossier.answerCorrection", actor, dossierId, fail("NOT_FOUND", "Ce dossier est introuvable."));
  const result = await db.$transaction(async (tx): Promise<Result<{ answeredAt: string }>> => {
    if (!(await lockDossier(tx, dossierId, administrationId))) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { id: true, callId: true, administrationId: true, status: true } });
    if (!can(actor, "dossier.edit", dossier)) return fail("NOT_FOUND", "Ce dossier est introuvable.");
    if (dossier.status !== "CORRECTION_REQUESTED") return fail("CONFLICT", "Aucune correction n’est demandée sur ce dossier.");
    const open = await tx.correctionRequest.findFirst({ where: { dossierId, resubmittedAt: null }, orderBy: { requestedAt: "desc" }, select: { id: true, answer: true } });
    if (!open) return fail("CONFLICT", "Aucune correction n’est demandée sur ce dossier.");
    await tx.correctionRequest.update({ where: { id: open.id }, data: { answer, answeredAt: now } });
    await recordDossierEvent(tx, { dossierId, status: "CORRECTION_REQUESTED", message: `Réponse de l’administration : ${answer}`, actorId: actor.userId, at: now });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "dossier.correctionAnswered",
      entityType: "dossier",
      entityId: dossierId,
      data: { correctionId: open.id, before: { answer: open.answer }, after: { answer } },
    });
    return ok({ answeredAt: now.toISOString() });
  });
  if (!result.ok) return refuse("dossier.answerCorrection", actor, dossierId, result);
  return result;
}
