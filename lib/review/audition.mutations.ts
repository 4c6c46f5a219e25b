import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit } from "@/lib/audit/audit";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, ok, type Result } from "@/lib/server/result";
import { formatParisDate, parisLocalToInstant } from "@/lib/time";
import { assignmentConflicts, fromMinutes, generateSlots, type AuditionDay, type PlannedSlot } from "./audition-slots";
import { storedDays, toDay, type AssignmentsInput, type AuditionDayInput } from "./audition.schema";
import { parisWallClock } from "@/lib/time";

const STALE = "Le planning a été modifié entre-temps par quelqu’un d’autre : rechargez la page pour voir sa dernière version.";

/** Thrown inside a transaction to roll it back and answer with `result`. */
class Abort extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? "" : result.code);
  }
}

async function inTransaction<T>(work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

async function authorizedCall(tx: Tx, actor: Actor, callId: string) {
  const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true, slug: true, title: true, phase: true } });
  return call && can(actor, "review.auditions", call) ? call : null;
}

/** Bumps the plan's version if it is still `expected`; otherwise the whole transaction is refused. */
async function bumpVersion(tx: Tx, planId: string, expected: number, data: { days?: AuditionDay[]; location?: string | null; videoUrl?: string | null } = {}) {
  const { count } = await tx.auditionPlan.updateMany({ where: { id: planId, version: expected }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new Abort(fail("CONFLICT", STALE));
}

const wallClock = (instant: Date) => {
  const w = parisWallClock(instant);
  return w.hour * 60 + w.minute;
};

/**
 * Creates or replaces one audition day of a call's plan: its slots are
 * generated again; a dossier already placed keeps its slot only if that slot
 * still exists at the same time, otherwise nothing is written and the
 * conflict is named.
 */
export async function saveAuditionDay(actor: Actor, callId: string, input: AuditionDayInput): Promise<Result<{ version: number; slots: number }>> {
  return inTransaction(async (tx) => {
    const call = await authorizedCall(tx, actor, callId);
    if (!call) return fail("FORBIDDEN");
    const existingPlan = await tx.auditionPlan.findUnique({ where: { callId }, select: { id: true, version: true, days: true } });
    if ((existingPlan?.version ?? 0) !== input.version) return fail("CONFLICT", STALE);

    const day = toDay(input);
    const generated = generateSlots(day).map((s) => ({
      startsAt: parisLocalToInstant(`${day.date}T${fromMinutes(s.start)}`),
      endsAt: parisLocalToInstant(`${day.date}T${fromMinutes(s.end)}`),
    }));
    const existing = existingPlan
      ? await tx.auditionSlot.findMany({
          where: { planId: existingPlan.id, day: day.date },
          select: { id: true, startsAt: true, dossierId: true, dossier: { select: { reference: true, title: true } } },
        })
      : [];
    const starts = new Set(generated.map((g) => g.startsAt.getTime()));
    const lost = existing.filter((s) => s.dossierId && !starts.has(s.startsAt.getTime()));
    if (lost.length > 0) {
      const messages = lost.map(
        (s) => `Le dossier ${s.dossier?.reference ?? s.dossier?.title} est placé à ${fromMinutes(wallClock(s.startsAt))}, un créneau qui n’existerait plus : libérez-le ou déplacez-le d’abord.`,
      );
      return fail("INVALID_INPUT", messages[0], { breaks: messages });
    }

    const days = [...storedDays.parse(existingPlan?.days ?? []).filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
    const plan = existingPlan ?? (await tx.auditionPlan.create({ data: { callId, version: 0 }, select: { id: true, version: true, days: true } }));
    await bumpVersion(tx, plan.id, plan.version, { days, location: input.location, videoUrl: input.videoUrl });

    const kept = new Map(existing.filter((s) => s.dossierId).map((s) => [s.startsAt.getTime(), s.id]));
    await tx.auditionSlot.deleteMany({ where: { planId: plan.id, day: day.date, dossierId: null } });
    for (const g of generated) {
      const id = kept.get(g.startsAt.getTime());
      if (id) await tx.auditionSlot.update({ where: { id }, data: { endsAt: g.endsAt } });
    }
    await tx.auditionSlot.createMany({
      data: generated.filter((g) => !kept.has(g.startsAt.getTime())).map((g) => ({ planId: plan.id, day: day.date, startsAt: g.startsAt, endsAt: g.endsAt })),
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.auditions.day_saved",
      entityType: "call",
      entityId: call.id,
      data: { before: storedDays.parse(existingPlan?.days ?? []).find((d) => d.date === day.date) ?? null, after: day, slots: generated.length, location: input.location, videoUrl: input.videoUrl },
    });
    return ok({ version: plan.version + 1, slots: generated.length });
  });
}

/**
 * Places preselected dossiers of the call on slots (a dossier id or null per
 * slot named in the input; the others keep theirs). Refused, nothing written,
 * on any conflict: a slot twice, a dossier twice, a slot outside its day, a
 * dossier that is not preselected or not of this call.
 */
export async function saveAssignments(actor: Actor, callId: string, input: AssignmentsInput): Promise<Result<{ version: number; assigned: number }>> {
  return inTransaction(async (tx) => {
    const call = await authorizedCall(tx, actor, callId);
    if (!call) return fail("FORBIDDEN");
    const plan = await tx.auditionPlan.findUnique({ where: { callId }, select: { id: true, version: true, days: true } });
    if (!plan) return fail("NOT_FOUND", "Créez d’abord une journée d’auditions.");
    if (plan.version !== input.version) return fail("CONFLICT", STALE);

    const slots = await tx.auditionSlot.findMany({ where: { planId: plan.id }, select: { id: true, day: true, startsAt: true, endsAt: true, dossierId: true }, orderBy: { startsAt: "asc" } });
    const requestedIds = [...new Set(input.assignments.flatMap((a) => (a.dossierId ? [a.dossierId] : [])))];
    const dossiers = await tx.dossier.findMany({ where: { id: { in: [...requestedIds, ...slots.flatMap((s) => (s.dossierId ? [s.dossierId] : []))] } }, select: { id: true, reference: true, title: true, callId: true, status: true } });
    const byId = new Map(dossiers.map((d) => [d.id, d]));
    const label = (id: string) => byId.get(id)?.reference ?? byId.get(id)?.title ?? "inconnu";

    const problems: string[] = [];
    for (const id of requestedIds) {
      const d = byId.get(id);
      if (!d || d.callId !== call.id) problems.push("Un des dossiers choisis n’appartient pas à cet appel.");
      else if (d.status !== "PRESELECTED") problems.push(`Le dossier ${label(id)} n’est pas présélectionné : seuls les dossiers présélectionnés sont auditionnés.`);
    }
    const named = new Set(input.assignments.map((a) => a.slotId));
    const finalList = [
      ...slots.filter((s) => s.dossierId && !named.has(s.id)).map((s) => ({ slotId: s.id, dossierId: s.dossierId!, label: label(s.dossierId!) })),
      ...input.assignments.flatMap((a) => (a.dossierId ? [{ slotId: a.slotId, dossierId: a.dossierId, label: label(a.dossierId) }] : [])),
    ];
    const planned: PlannedSlot[] = slots.map((s) => ({ id: s.id, date: s.day, start: wallClock(s.startsAt), end: wallClock(s.endsAt) }));
    problems.push(...assignmentConflicts(planned, storedDays.parse(plan.days), finalList));
    const unknownSlots = input.assignments.filter((a) => !a.dossierId && !slots.some((s) => s.id === a.slotId));
    if (unknownSlots.length > 0) problems.push("Un des créneaux n’existe pas dans le planning.");
    if (problems.length > 0) return fail("INVALID_INPUT", problems[0], { assignments: [...new Set(problems)] });

    await bumpVersion(tx, plan.id, plan.version);
    const changes = input.assignments.filter((a) => slots.find((s) => s.id === a.slotId)!.dossierId !== a.dossierId);
    // Free first, then place: a dossier moved from one slot to another never sits on both (unique index).
    await tx.auditionSlot.updateMany({ where: { id: { in: changes.map((c) => c.slotId) } }, data: { dossierId: null, convokedAt: null } });
    for (const c of changes) if (c.dossierId) await tx.auditionSlot.update({ where: { id: c.slotId }, data: { dossierId: c.dossierId } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.auditions.assigned",
      entityType: "call",
      entityId: call.id,
      data: {
        changes: changes.map((c) => {
          const slot = slots.find((s) => s.id === c.slotId)!;
          return { slot: slot.startsAt.toISOString(), before: slot.dossierId ? label(slot.dossierId) : null, after: c.dossierId ? label(c.dossierId) : null };
        }),
      },
    });
    return ok({ version: plan.version + 1, assigned: finalList.length });
  });
}

const timeOf = (instant: Date) => fromMinutes(wallClock(instant));

/** The convocation e-mail of one dossier (date and times in Paris). */
export function convocationMail(input: { callTitle: string; dossierTitle: string; reference: string | null; startsAt: Date; endsAt: Date; location: string | null; videoUrl: string | null }) {
  const lines = [
    "Bonjour,",
    "",
    `Le dossier « ${input.dossierTitle} »${input.reference ? ` (${input.reference})` : ""} est présélectionné : votre équipe est convoquée à une audition devant le jury de l’appel « ${input.callTitle} ».`,
    "",
    `Date : ${formatParisDate(input.startsAt)}`,
    `Heure : de ${timeOf(input.startsAt)} à ${timeOf(input.endsAt)} (heure de Paris)`,
    ...(input.location ? [`Lieu : ${input.location}`] : []),
    ...(input.videoUrl ? [`Visioconférence : ${input.videoUrl}`] : []),
    "",
    "Merci de confirmer votre présence, ou de demander un autre créneau, en répondant à ce message.",
    "",
    "L’équipe du programme",
  ];
  return { subject: `Convocation à l’audition — ${input.callTitle}`, text: lines.join("\n") };
}

/**
 * Queues the convocation of every placed dossier not yet convoked at its
 * current time, in the transaction that marks them convoked (outbox: the
 * e-mails leave only if it commits, once each).
 */
export async function sendConvocations(actor: Actor, callId: string, version: number): Promise<Result<{ version: number; sent: number; withoutRecipient: number }>> {
  return inTransaction(async (tx) => {
    const call = await authorizedCall(tx, actor, callId);
    if (!call) return fail("FORBIDDEN");
    const plan = await tx.auditionPlan.findUnique({ where: { callId }, select: { id: true, version: true, location: true, videoUrl: true } });
    if (!plan) return fail("NOT_FOUND", "Créez d’abord une journée d’auditions.");
    if (plan.version !== version) return fail("CONFLICT", STALE);
    if (!plan.location && !plan.videoUrl) return fail("INVALID_INPUT", "Indiquez un lieu ou un lien de visioconférence avant d’envoyer les convocations.");
    const slots = await tx.auditionSlot.findMany({
      where: { planId: plan.id, dossierId: { not: null }, convokedAt: null },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        dossier: {
          select: {
            id: true,
            title: true,
            reference: true,
            createdBy: { select: { email: true, disabledAt: true } },
            administration: { select: { users: { where: { disabledAt: null }, orderBy: { createdAt: "asc" }, take: 1, select: { email: true } } } },
          },
        },
      },
    });
    if (slots.length === 0) return fail("INVALID_INPUT", "Aucune convocation à envoyer : chaque dossier placé a déjà reçu la sienne.");
    await bumpVersion(tx, plan.id, plan.version);
    let sent = 0;
    let withoutRecipient = 0;
    for (const slot of slots) {
      const d = slot.dossier!;
      const to = d.createdBy && !d.createdBy.disabledAt ? d.createdBy.email : d.administration.users[0]?.email;
      if (!to) {
        withoutRecipient++;
        continue;
      }
      const mail = convocationMail({ callTitle: call.title, dossierTitle: d.title, reference: d.reference, startsAt: slot.startsAt, endsAt: slot.endsAt, location: plan.location, videoUrl: plan.videoUrl });
      await enqueueMail(tx, { dedupeKey: `audition-convocation:${slot.id}:${d.id}:${slot.startsAt.toISOString()}`, to, ...mail });
      await tx.auditionSlot.update({ where: { id: slot.id }, data: { convokedAt: new Date() } });
      sent++;
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.auditions.convoked",
      entityType: "call",
      entityId: call.id,
      data: { sent, withoutRecipient, slots: slots.map((s) => s.startsAt.toISOString()) },
    });
    return ok({ version: plan.version + 1, sent, withoutRecipient });
  });
}
