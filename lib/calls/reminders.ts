import type { CallKind, CallPhase, ReminderKind } from "@/lib/generated/prisma/enums";
import { TIME_ZONE, parisLocalToInstant } from "@/lib/time";

/**
 * What reminder is due at instant T — pure, so that the scheduler can run at
 * any time, twice, or late, and the answer stays the same. Every reminder is
 * sent from 09:00 Europe/Paris on its calendar day (never in the night).
 *
 * - DEADLINE_7D: from 09:00 on the 7th Paris calendar day before the closing
 *   day, until the 1-day reminder takes over (a scheduler down all week sends
 *   only the 1-day one, not both).
 * - DEADLINE_1D: from 09:00 the day before the closing day, until closing.
 * - JURY_DAY_2D: for each Paris day with audition slots, from 09:00 two days
 *   before until the day's first slot.
 *
 * The occasion (deadline instant, audition day) is part of the idempotency key
 * (call_reminder): an extended deadline or a second audition day is a new
 * reminder; the same one is never sent twice.
 */
export const REMINDER_HOUR = "09:00";

/** Phases in which jurors are reminded of their audition day. */
export const JURY_REMINDER_PHASES: readonly CallPhase[] = ["CLOSED", "PRESELECTION", "AUDITIONS"];

export type ReminderSchedule = {
  kind: CallKind;
  phase: CallPhase;
  closesAt: Date | null;
  /** Start of every audition slot of the call. */
  auditionStarts: readonly Date[];
};

export type DueReminder = {
  kind: ReminderKind;
  /** "2020-12-31T22:59:00.000Z" for a deadline, "2021-02-10" for an audition day. */
  occasion: string;
  /** The deadline, or the first audition slot of the day. */
  eventAt: Date;
};

const dayFormatter = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The Paris calendar day of an instant: "2020-12-31". */
export function parisDay(instant: Date): string {
  return dayFormatter.format(instant);
}

/** "2020-12-31" + 1 → "2021-01-01" (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** 09:00 in Paris on that day, as an instant. */
export function reminderStart(day: string): Date {
  return parisLocalToInstant(`${day}T${REMINDER_HOUR}`);
}

/** When each deadline reminder starts being due. */
export function deadlineReminderStarts(closesAt: Date): { sevenDays: Date; oneDay: Date } {
  const day = parisDay(closesAt);
  return { sevenDays: reminderStart(addDays(day, -7)), oneDay: reminderStart(addDays(day, -1)) };
}

/** The audition days of a call and the first slot of each, in day order. */
export function auditionDays(starts: readonly Date[]): { day: string; firstStart: Date }[] {
  const byDay = new Map<string, Date>();
  for (const start of starts) {
    const day = parisDay(start);
    const first = byDay.get(day);
    if (!first || start < first) byDay.set(day, start);
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, firstStart]) => ({ day, firstStart }));
}

export function remindersDue(call: ReminderSchedule, now: Date): DueReminder[] {
  const due: DueReminder[] = [];
  const t = now.getTime();
  if (call.kind === "CALL" && call.phase === "OPEN" && call.closesAt) {
    const { sevenDays, oneDay } = deadlineReminderStarts(call.closesAt);
    const occasion = call.closesAt.toISOString();
    if (t >= sevenDays.getTime() && t < oneDay.getTime() && t < call.closesAt.getTime()) {
      due.push({ kind: "DEADLINE_7D", occasion, eventAt: call.closesAt });
    } else if (t >= oneDay.getTime() && t < call.closesAt.getTime()) {
      due.push({ kind: "DEADLINE_1D", occasion, eventAt: call.closesAt });
    }
  }
  if (JURY_REMINDER_PHASES.includes(call.phase)) {
    for (const { day, firstStart } of auditionDays(call.auditionStarts)) {
      if (t >= reminderStart(addDays(day, -2)).getTime() && t < firstStart.getTime()) {
        due.push({ kind: "JURY_DAY_2D", occasion: day, eventAt: firstStart });
      }
    }
  }
  return due;
}
