import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { logRefusal } from "@/lib/dossiers/dossier.events";
import { enqueueMail } from "@/lib/mail/outbox";
import { siteUrl } from "@/lib/publication/site-url";
import { db } from "@/lib/server/db";
import type { Db } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Err, type Result } from "@/lib/server/result";
import { formatParisDate, formatParisDateTime } from "@/lib/time";
import { opinionAnswerInput, opinionRequestInput } from "./opinion.schema";
import { correctionDueAt } from "./preselection-rules";
import { lockForReview } from "./review.mutations";

/*
 * Outside experts' opinions. Staff of the dossier's call ask a person by
 * e-mail (an account without password is created when the address is new:
 * the expert signs in with a link received by e-mail); the expert reaches
 * that dossier only through their request, answers once, and staff read the
 * answer on their view of the dossier. Applicants never see any of it.
 */

const NOT_FOUND = "Ce dossier est introuvable.";
const OPINION_NOT_FOUND = "Cette demande d’avis est introuvable.";
/** A reminder leaves this long before the due date (the scheduler runs every few minutes). */
export const OPINION_REMINDER_BEFORE_MS = 2 * 86_400_000;

function refuse<T extends Err>(action: string, actor: Actor | null, id: string | null, err: T): T {
  logRefusal(action, actor?.userId ?? null, id, err.code, err.message);
  return err;
}

export async function requestOpinion(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const input = opinionRequestInput.safeParse(raw);
  if (!input.success) return refuse("review.opinion", actor, null, fail("INVALID_INPUT", input.error.issues[0]?.message, fieldErrorsFromZod(input.error.issues)));
  const { dossierId, email, name, message, question, dueDate, confidential } = input.data;
  const due = correctionDueAt(dueDate, now);
  if (!due.ok) return refuse("review.opinion", actor, dossierId, fail("INVALID_INPUT", due.message, { dueDate: [due.message] }));
  const result = await db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
    const dossier = await lockForReview(tx, actor, dossierId, "review.opinion");
    if (!dossier) return fail("NOT_FOUND", NOT_FOUND);
    if (dossier.status === "WITHDRAWN") return fail("CONFLICT", "Ce dossier a été retiré : aucun avis ne peut plus être demandé.");
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, administrationId: true, disabledAt: true } });
    if (existing?.disabledAt) return fail("INVALID_INPUT", "Le compte de cette personne est désactivé.", { email: ["Le compte de cette personne est désactivé."] });
    if (existing && existing.administrationId === dossier.administrationId) {
      const why = "Cette personne appartient à l’administration candidate : elle ne peut pas donner d’avis sur son dossier.";
      return fail("INVALID_INPUT", why, { email: [why] });
    }
    if (existing?.id === actor.userId) return fail("INVALID_INPUT", "Vous ne pouvez pas vous demander un avis à vous-même.", { email: ["Vous ne pouvez pas vous demander un avis à vous-même."] });
    const expertId = existing?.id ?? randomUUID();
    if (!existing) await tx.user.create({ data: { id: expertId, email, name } });
    else {
      const already = await tx.expertOpinion.findUnique({ where: { dossierId_expertId: { dossierId, expertId } }, select: { createdAt: true } });
      if (already) return fail("CONFLICT", `Un avis a déjà été demandé à ${email} sur ce dossier, le ${formatParisDate(already.createdAt)}.`);
    }
    const id = randomUUID();
    await tx.expertOpinion.create({
      data: { id, dossierId, expertId, requestedById: actor.userId, message, question: question ?? null, dueAt: due.dueAt, confidential, createdAt: now },
    });
    await enqueueMail(tx, {
      dedupeKey: `expert-opinion:${id}`,
      to: email,
      subject: `Demande d’avis sur le dossier ${dossier.reference ?? ""} — réponse avant le ${formatParisDate(due.dueAt)}`.replace("  ", " "),
      text: [
        `Bonjour ${existing?.name ?? name},`,
        "",
        `${actor.name}, de l’équipe du programme, vous demande votre avis sur le dossier « ${dossier.title} » (n° ${dossier.reference ?? "—"}) :`,
        "",
        message,
        ...(question ? ["", `Question à laquelle répondre par oui ou par non : ${question}`] : []),
        "",
        `Réponse attendue avant le ${formatParisDateTime(due.dueAt)} (heure de Paris).`,
        confidential ? "Votre avis restera confidentiel : seule l’équipe du programme le lira." : "Votre avis sera lu par l’équipe du programme et par les autres experts consultés sur ce dossier.",
        "",
        `Pour lire le dossier et donner votre avis : ${siteUrl(`/espace/avis/${id}`)}`,
        `Sans mot de passe, connectez-vous avec un lien reçu par courriel à cette adresse : ${siteUrl("/connexion/lien-par-courriel")}`,
        "",
        "Ce dossier vous est confié à titre confidentiel : ne le diffusez pas.",
        "L’équipe du programme",
      ].join("\n"),
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.opinion.requested",
      entityType: "dossier",
      entityId: dossierId,
      data: { opinionId: id, expertId, newAccount: !existing, dueAt: due.dueAt.toISOString(), confidential, withQuestion: !!question },
    });
    return ok({ id });
  });
  return result.ok ? result : refuse("review.opinion", actor, dossierId, result);
}

export type OpinionGiven = { answeredAt: string; late: boolean };

export async function giveOpinion(actor: Actor, raw: unknown, now = new Date()): Promise<Result<OpinionGiven>> {
  const input = opinionAnswerInput.safeParse(raw);
  if (!input.success) return refuse("opinion.give", actor, null, fail("INVALID_INPUT", input.error.issues[0]?.message, fieldErrorsFromZod(input.error.issues)));
  const { opinionId, opinion, answer } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<OpinionGiven>> => {
    const rows = await tx.$queryRaw<{ id: string }[]>`select id from expert_opinion where id = ${opinionId}::uuid for update`;
    if (rows.length === 0) return fail("NOT_FOUND", OPINION_NOT_FOUND);
    const row = await tx.expertOpinion.findUniqueOrThrow({
      where: { id: opinionId },
      select: {
        expertId: true,
        dossierId: true,
        question: true,
        dueAt: true,
        answeredAt: true,
        dossier: { select: { title: true, reference: true, status: true, call: { select: { slug: true } } } },
        requestedBy: { select: { email: true, disabledAt: true } },
      },
    });
    // Another person's request: the same answer as a request that does not exist.
    if (!can(actor, "opinion.give", row)) return fail("NOT_FOUND", OPINION_NOT_FOUND);
    if (row.answeredAt) return fail("CONFLICT", `Vous avez déjà donné votre avis le ${formatParisDateTime(row.answeredAt)} : il ne peut plus être modifié.`);
    if (row.dossier.status === "WITHDRAWN") return fail("CONFLICT", "Ce dossier a été retiré par l’administration : votre avis n’est plus attendu.");
    if (row.question && !answer) {
      const why = "Réponse à la question : choisissez oui ou non.";
      return fail("INVALID_INPUT", why, { answer: [why] });
    }
    const answerYes = row.question ? answer === "oui" : null;
    const late = now > row.dueAt;
    await tx.expertOpinion.update({ where: { id: opinionId }, data: { opinion, answerYes, answeredAt: now } });
    if (row.requestedBy && !row.requestedBy.disabledAt) {
      await enqueueMail(tx, {
        dedupeKey: `expert-opinion-given:${opinionId}`,
        to: row.requestedBy.email,
        subject: `Avis reçu sur le dossier ${row.dossier.reference ?? ""}`.trim(),
        text: [
          "Bonjour,",
          "",
          `${actor.name} a donné son avis sur le dossier « ${row.dossier.title} »${late ? " (après la date demandée)" : ""}.`,
          `Il se lit sur la fiche du dossier : ${siteUrl(`/instruction/appels/${row.dossier.call.slug}/dossiers/${row.dossierId}`)}`,
          "",
          "L’équipe du programme",
        ].join("\n"),
      });
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.opinion.given",
      entityType: "dossier",
      entityId: row.dossierId,
      data: { opinionId, before: { answered: false }, after: { answered: true, answerYes, length: opinion.length, late } },
    });
    return ok({ answeredAt: now.toISOString(), late });
  });
  return result.ok ? result : refuse("opinion.give", actor, opinionId, result);
}

/**
 * Reminds the experts whose opinion is due within two days and not given
 * yet, once: the row is claimed (`reminder_sent_at`) in the transaction that
 * enqueues the e-mail, and concurrent runs skip the rows another one holds.
 */
export async function sendOpinionReminders(client: Db, now: Date = new Date()): Promise<number> {
  return client.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      select id from expert_opinion
      where answered_at is null and reminder_sent_at is null
        and due_at > ${now} and due_at <= ${new Date(now.getTime() + OPINION_REMINDER_BEFORE_MS)}
      order by due_at, id
      for update skip locked`;
    if (due.length === 0) return 0;
    const rows = await tx.expertOpinion.findMany({
      where: { id: { in: due.map((d) => d.id) }, expert: { disabledAt: null }, dossier: { status: { not: "WITHDRAWN" } } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true, dueAt: true, expert: { select: { email: true, name: true } }, dossier: { select: { title: true, reference: true } } },
    });
    for (const r of rows) {
      await enqueueMail(tx, {
        dedupeKey: `expert-opinion-reminder:${r.id}`,
        to: r.expert.email,
        subject: `Rappel : avis attendu avant le ${formatParisDate(r.dueAt)} — dossier ${r.dossier.reference ?? ""}`.trim(),
        text: [
          `Bonjour ${r.expert.name},`,
          "",
          `Votre avis sur le dossier « ${r.dossier.title} » est attendu avant le ${formatParisDateTime(r.dueAt)} (heure de Paris).`,
          `Pour le donner : ${siteUrl(`/espace/avis/${r.id}`)}`,
          "",
          "L’équipe du programme",
        ].join("\n"),
      });
    }
    await tx.expertOpinion.updateMany({ where: { id: { in: due.map((d) => d.id) } }, data: { reminderSentAt: now } });
    return rows.length;
  });
}
