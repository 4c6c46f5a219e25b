import "server-only";
import type { ReminderKind } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { siteUrl } from "@/lib/publication/site-url";
import type { Db } from "@/lib/server/prisma";
import { parisLocalToInstant } from "@/lib/time";
import { composeReminderMail } from "./reminder-mail";
import { JURY_REMINDER_PHASES, remindersDue, type DueReminder } from "./reminders";

export type ReminderRun = { reminders: number; mails: number };

type Recipient = { userId: string; email: string; drafts: string[] };

/** Same key, same e-mail (the outbox keeps one); the ledger row is the real guarantee. */
export const reminderDedupeKey = (callId: string, kind: ReminderKind, occasion: string, userId: string) => `call-reminder:${callId}:${kind}:${occasion}:${userId}`;

async function recipientsFor(client: Db, callId: string, reminder: DueReminder): Promise<Recipient[]> {
  if (reminder.kind === "JURY_DAY_2D") {
    const members = await client.juryMember.findMany({
      where: { callId, user: { disabledAt: null } },
      orderBy: { userId: "asc" },
      select: { user: { select: { id: true, email: true } } },
    });
    return members.map((m) => ({ userId: m.user.id, email: m.user.email, drafts: [] }));
  }
  // Administrations with a draft on the call: each of their active agents.
  const drafts = await client.dossier.findMany({
    where: { callId, status: "DRAFT" },
    orderBy: { id: "asc" },
    select: { title: true, administration: { select: { users: { where: { disabledAt: null }, select: { id: true, email: true } } } } },
  });
  const byUser = new Map<string, Recipient>();
  for (const d of drafts) {
    for (const u of d.administration.users) {
      const r = byUser.get(u.id) ?? { userId: u.id, email: u.email, drafts: [] };
      r.drafts.push(d.title.trim() || "Dossier sans titre");
      byUser.set(u.id, r);
    }
  }
  // Drafts created in the same instant have no stable creation order: list them alphabetically.
  for (const r of byUser.values()) r.drafts.sort(frenchOrder.compare);
  return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1));
}

const frenchOrder = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/**
 * Sends what `remindersDue` says is due at `now`. For each due reminder, one
 * transaction inserts the ledger rows (`call_reminder`, unique per call,
 * recipient, kind and occasion; duplicates skipped) and enqueues an e-mail
 * for the rows it actually inserted: a second or concurrent run waits on the
 * unique index, inserts nothing and sends nothing.
 */
export async function sendDueReminders(client: Db, now: Date = new Date()): Promise<ReminderRun> {
  const calls = await client.call.findMany({
    where: { OR: [{ kind: "CALL", phase: "OPEN", closesAt: { gt: now } }, { phase: { in: [...JURY_REMINDER_PHASES] } }] },
    orderBy: { id: "asc" },
    select: { id: true, slug: true, title: true, kind: true, phase: true, closesAt: true, auditionDays: true },
  });
  const run: ReminderRun = { reminders: 0, mails: 0 };
  for (const call of calls) {
    const slots = JURY_REMINDER_PHASES.includes(call.phase)
      ? await client.juryDossier.findMany({ where: { dossier: { callId: call.id }, auditionStartsAt: { not: null } }, select: { auditionStartsAt: true } })
      : [];
    // The jury's scheduled slots, and the audition days set in the call's
    // timeline (a day without slots yet starts at 09:00, Paris time).
    const auditionStarts = [...slots.map((s) => s.auditionStartsAt!), ...(JURY_REMINDER_PHASES.includes(call.phase) ? call.auditionDays.map((d) => parisLocalToInstant(`${d}T09:00`)) : [])];
    const due = remindersDue({ ...call, auditionStarts }, now);
    for (const reminder of due) {
      const recipients = await recipientsFor(client, call.id, reminder);
      if (recipients.length === 0) continue;
      run.reminders++;
      run.mails += await client.$transaction(async (tx) => {
        const inserted = await tx.callReminder.createManyAndReturn({
          data: recipients.map((r) => ({ callId: call.id, userId: r.userId, kind: reminder.kind, occasion: reminder.occasion })),
          skipDuplicates: true,
          select: { userId: true },
        });
        const fresh = new Set(inserted.map((i) => i.userId));
        const link = siteUrl(reminder.kind === "JURY_DAY_2D" ? `/jury/${call.slug}` : "/espace/dossiers");
        for (const r of recipients.filter((x) => fresh.has(x.userId))) {
          const mail =
            reminder.kind === "JURY_DAY_2D"
              ? composeReminderMail({ kind: reminder.kind, callTitle: call.title, firstSlotAt: reminder.eventAt, link })
              : composeReminderMail({ kind: reminder.kind, callTitle: call.title, closesAt: reminder.eventAt, drafts: r.drafts, link });
          await enqueueMail(tx, { dedupeKey: reminderDedupeKey(call.id, reminder.kind, reminder.occasion, r.userId), to: r.email, ...mail });
        }
        return fresh.size;
      });
    }
  }
  return run;
}
