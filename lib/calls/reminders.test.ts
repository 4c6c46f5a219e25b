import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { addDays, auditionDays, deadlineReminderStarts, parisDay, remindersDue, type ReminderSchedule } from "./reminders";

const HOUR = 3_600_000;
const parisClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2032-12-31T00:00:00Z"), noInvalidDate: true });
const openCall = (closesAt: Date): ReminderSchedule => ({ kind: "CALL", phase: "OPEN", closesAt, auditionStarts: [] });
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe("deadline reminders", () => {
  it("example: a deadline on 31 December 2020 at 23:59 Paris", () => {
    const closesAt = new Date("2020-12-31T22:59:00Z");
    const call = openCall(closesAt);
    expect(remindersDue(call, new Date("2020-12-24T07:59:59Z"))).toEqual([]);
    expect(remindersDue(call, new Date("2020-12-24T08:00:00Z"))).toEqual([{ kind: "DEADLINE_7D", occasion: "2020-12-31T22:59:00.000Z", eventAt: closesAt }]);
    expect(remindersDue(call, new Date("2020-12-30T08:00:00Z")).map((r) => r.kind)).toEqual(["DEADLINE_1D"]);
    expect(remindersDue(call, new Date("2020-12-31T22:58:59Z")).map((r) => r.kind)).toEqual(["DEADLINE_1D"]);
    expect(remindersDue(call, closesAt)).toEqual([]);
  });

  it("starts at 09:00 Paris, 7 and 1 calendar days before the closing day, across daylight-saving changes", () => {
    fc.assert(
      fc.property(instant, (closesAt) => {
        const { sevenDays, oneDay } = deadlineReminderStarts(closesAt);
        expect(parisClock.format(sevenDays)).toBe("09:00");
        expect(parisClock.format(oneDay)).toBe("09:00");
        expect(daysBetween(parisDay(sevenDays), parisDay(closesAt))).toBe(7);
        expect(daysBetween(parisDay(oneDay), parisDay(closesAt))).toBe(1);
      }),
    );
  });

  it("at any instant, at most one deadline reminder is due, only before closing, and its occasion is the deadline", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -12 * 24, max: 2 * 24 }), fc.integer({ min: 0, max: 59 }), (closesAt, hours, minutes) => {
        const now = new Date(closesAt.getTime() + hours * HOUR + minutes * 60_000);
        const due = remindersDue(openCall(closesAt), now);
        expect(due.length).toBeLessThanOrEqual(1);
        for (const r of due) {
          expect(now.getTime()).toBeLessThan(closesAt.getTime());
          expect(r.occasion).toBe(closesAt.toISOString());
          const { sevenDays, oneDay } = deadlineReminderStarts(closesAt);
          expect(now.getTime()).toBeGreaterThanOrEqual((r.kind === "DEADLINE_7D" ? sevenDays : oneDay).getTime());
        }
      }),
    );
  });

  it("hour by hour over the last days: nothing, then the 7-day reminder, then the 1-day reminder, then nothing", () => {
    fc.assert(
      fc.property(instant, (closesAt) => {
        const seen: string[] = [];
        for (let t = closesAt.getTime() - 10 * 24 * HOUR; t <= closesAt.getTime() + 24 * HOUR; t += HOUR / 2) {
          const kind = remindersDue(openCall(closesAt), new Date(t))[0]?.kind ?? "none";
          if (seen.at(-1) !== kind) seen.push(kind);
        }
        expect(seen).toEqual(["none", "DEADLINE_7D", "DEADLINE_1D", "none"]);
      }),
      { numRuns: 25 },
    );
  });

  it("nothing for a rolling window, a call without deadline or a call that is not open", () => {
    const phases: CallPhase[] = ["DRAFT", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "RESULTS_PUBLISHED", "ARCHIVED"];
    fc.assert(
      fc.property(instant, fc.integer({ min: -8 * 24, max: 0 }), fc.constantFrom(...phases), (closesAt, hours, phase) => {
        const now = new Date(closesAt.getTime() + hours * HOUR);
        expect(remindersDue({ kind: "ROLLING", phase: "OPEN", closesAt, auditionStarts: [] }, now)).toEqual([]);
        expect(remindersDue({ kind: "CALL", phase: "OPEN", closesAt: null, auditionStarts: [] }, now)).toEqual([]);
        expect(remindersDue({ kind: "CALL", phase, closesAt, auditionStarts: [] }, now)).toEqual([]);
      }),
    );
  });
});

describe("audition day reminders", () => {
  it("example: two audition days, each reminded from 09:00 two days before until its first slot", () => {
    const starts = [new Date("2021-02-10T08:30:00Z"), new Date("2021-02-10T08:00:00Z"), new Date("2021-02-11T13:00:00Z")];
    const call: ReminderSchedule = { kind: "CALL", phase: "AUDITIONS", closesAt: null, auditionStarts: starts };
    expect(auditionDays(starts)).toEqual([
      { day: "2021-02-10", firstStart: new Date("2021-02-10T08:00:00Z") },
      { day: "2021-02-11", firstStart: new Date("2021-02-11T13:00:00Z") },
    ]);
    expect(remindersDue(call, new Date("2021-02-08T07:59:00Z"))).toEqual([]);
    expect(remindersDue(call, new Date("2021-02-08T08:00:00Z"))).toEqual([{ kind: "JURY_DAY_2D", occasion: "2021-02-10", eventAt: new Date("2021-02-10T08:00:00Z") }]);
    expect(remindersDue(call, new Date("2021-02-10T08:00:00Z")).map((r) => r.occasion)).toEqual(["2021-02-11"]);
    expect(remindersDue({ ...call, phase: "DELIBERATION" }, new Date("2021-02-08T08:00:00Z"))).toEqual([]);
  });

  it("a due audition reminder names a Paris day of the schedule, and is due from 09:00 two days before until that day's first slot", () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 6 }), fc.integer({ min: -4 * 24, max: 24 }), (starts, hours) => {
        const now = new Date(starts[0]!.getTime() + hours * HOUR);
        const due = remindersDue({ kind: "CALL", phase: "AUDITIONS", closesAt: null, auditionStarts: starts }, now);
        const days = new Set(starts.map(parisDay));
        expect(new Set(due.map((r) => r.occasion)).size).toBe(due.length);
        for (const r of due) {
          expect(r.kind).toBe("JURY_DAY_2D");
          expect(days.has(r.occasion)).toBe(true);
          expect(parisDay(r.eventAt)).toBe(r.occasion);
          expect(now.getTime()).toBeLessThan(r.eventAt.getTime());
          expect(daysBetween(parisDay(now), r.occasion)).toBeLessThanOrEqual(2);
          if (daysBetween(parisDay(now), r.occasion) === 2) expect(parisClock.format(now) >= "09:00").toBe(true);
        }
      }),
    );
  });

  it("the answer does not depend on the order of the slots", () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 6 }), instant, (starts, now) => {
        const call = (s: Date[]): ReminderSchedule => ({ kind: "CALL", phase: "AUDITIONS", closesAt: null, auditionStarts: s });
        expect(remindersDue(call([...starts].reverse()), now)).toEqual(remindersDue(call(starts), now));
      }),
    );
  });

  it("calendar arithmetic crosses months and years", () => {
    expect(addDays("2020-12-31", 1)).toBe("2021-01-01");
    expect(addDays("2021-03-01", -2)).toBe("2021-02-27");
  });
});
