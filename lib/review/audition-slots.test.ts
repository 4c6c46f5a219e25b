import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignmentConflicts, dayProblems, fromMinutes, generateSlots, toMinutes, type AuditionDay } from "./audition-slots";

const day = (overrides: Partial<AuditionDay> = {}): AuditionDay => ({
  date: "2021-02-10",
  start: toMinutes("08:30"),
  end: toMinutes("18:45"),
  slotMinutes: 15,
  gapMinutes: 0,
  breaks: [{ start: toMinutes("12:30"), end: toMinutes("13:30") }],
  ...overrides,
});

describe("generateSlots", () => {
  it("fits 37 auditions of 15 minutes in the 2021 day (08:30–18:45, lunch 12:30–13:30), 33 needed", () => {
    const slots = generateSlots(day());
    expect(slots).toHaveLength(37);
    expect(fromMinutes(slots[0]!.start)).toBe("08:30");
    expect(slots.map((s) => fromMinutes(s.start))).not.toContain("12:30");
    expect(fromMinutes(slots.at(-1)!.end)).toBe("18:45");
  });

  it("moves a slot that would cut into a break to the end of the break", () => {
    const slots = generateSlots(day({ start: toMinutes("12:00"), end: toMinutes("14:00"), slotMinutes: 20, breaks: [{ start: toMinutes("12:30"), end: toMinutes("13:00") }] }));
    expect(slots.map((s) => `${fromMinutes(s.start)}-${fromMinutes(s.end)}`)).toEqual(["12:00-12:20", "13:00-13:20", "13:20-13:40", "13:40-14:00"]);
  });

  const arbitraryDay = fc
    .record({
      start: fc.integer({ min: 0, max: 20 * 60 }),
      length: fc.integer({ min: 30, max: 14 * 60 }),
      slotMinutes: fc.integer({ min: 5, max: 120 }),
      gapMinutes: fc.integer({ min: 0, max: 30 }),
      breaks: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 14 * 60 }), length: fc.integer({ min: 1, max: 90 }) }), { maxLength: 4 }),
    })
    .map(({ start, length, slotMinutes, gapMinutes, breaks }): AuditionDay => {
      const end = Math.min(start + length, 24 * 60 - 1);
      return {
        date: "2026-06-15",
        start,
        end,
        slotMinutes,
        gapMinutes,
        breaks: breaks.map((b) => ({ start: Math.min(start + b.offset, end - 1), end: Math.min(start + b.offset + b.length, end) })).filter((b) => b.start < b.end),
      };
    });

  it("never overlaps two slots, never leaves the day, never cuts into a break, keeps length and gap", () => {
    fc.assert(
      fc.property(arbitraryDay, (d) => {
        const slots = generateSlots(d);
        for (const [i, s] of slots.entries()) {
          expect(s.end - s.start).toBe(d.slotMinutes);
          expect(s.start).toBeGreaterThanOrEqual(d.start);
          expect(s.end).toBeLessThanOrEqual(d.end);
          for (const b of d.breaks) expect(s.start < b.end && b.start < s.end).toBe(false);
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(slots[i - 1]!.end + d.gapMinutes);
        }
      }),
    );
  });

  it("leaves no room for one more slot at the end of the day", () => {
    fc.assert(
      fc.property(arbitraryDay, (d) => {
        const slots = generateSlots(d);
        const after = slots.length ? slots.at(-1)!.end + d.gapMinutes : d.start;
        const free = (t: number) => t + d.slotMinutes <= d.end && !d.breaks.some((b) => t < b.end && b.start < t + d.slotMinutes);
        // The next start the generator would try, or any start after a break that ends later.
        const candidates = [after, ...d.breaks.map((b) => b.end).filter((t) => t >= after)];
        expect(candidates.some(free)).toBe(false);
      }),
    );
  });
});

describe("dayProblems", () => {
  it("explains in French what is wrong with a day", () => {
    expect(dayProblems(day())).toEqual([]);
    expect(dayProblems(day({ start: toMinutes("18:00"), end: toMinutes("09:00") }))).toContain("La journée doit finir après son début.");
    expect(dayProblems(day({ breaks: [{ start: toMinutes("19:00"), end: toMinutes("19:30") }] }))[0]).toMatch(/en dehors de la journée/);
    expect(dayProblems(day({ breaks: [{ start: toMinutes("12:00"), end: toMinutes("13:00") }, { start: toMinutes("12:30"), end: toMinutes("14:00") }] }))[0]).toMatch(/se chevauchent/);
    expect(dayProblems(day({ start: toMinutes("09:00"), end: toMinutes("09:10"), breaks: [] }))[0]).toMatch(/Aucun créneau/);
  });
});

describe("assignmentConflicts", () => {
  const d = day();
  const slots = generateSlots(d).map((s, i) => ({ id: `s${i}`, date: d.date, ...s }));
  it("accepts distinct dossiers on distinct slots of the day", () => {
    expect(assignmentConflicts(slots, [d], [{ slotId: "s0", dossierId: "a", label: "A" }, { slotId: "s1", dossierId: "b", label: "B" }])).toEqual([]);
  });

  it("detects the same slot twice, a dossier twice, an unknown slot and a slot outside the day", () => {
    const shortened = { ...d, end: toMinutes("17:00") };
    const problems = assignmentConflicts(slots, [shortened], [
      { slotId: "s0", dossierId: "a", label: "LAU-1" },
      { slotId: "s0", dossierId: "b", label: "LAU-2" },
      { slotId: "s2", dossierId: "a", label: "LAU-1" },
      { slotId: "inconnu", dossierId: "c", label: "LAU-3" },
      { slotId: "s36", dossierId: "d", label: "LAU-4" },
    ]);
    expect(problems).toEqual([
      "Le créneau du 10/02/2021 à 08:30 est attribué deux fois.",
      "Le dossier LAU-1 est placé sur deux créneaux (du 10/02/2021 à 08:30 et du 10/02/2021 à 09:00).",
      "Le créneau choisi pour le dossier LAU-3 n’existe pas dans le planning.",
      "Le créneau du 10/02/2021 à 18:30 (dossier LAU-4) est en dehors de la journée d’auditions (08:30–17:00, pauses comprises).",
    ]);
  });
});
