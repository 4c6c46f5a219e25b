/**
 * Audition days: slots generated from a day's hours, slot length, gap and
 * breaks, and the conflicts of a set of assignments. Pure (wall-clock
 * minutes in Paris); the mutations turn them into instants with lib/time.ts.
 */

/** "HH:MM" → minutes since midnight. */
export function toMinutes(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes since midnight → "HH:MM". */
export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export type Interval = { start: number; end: number };

export type AuditionDay = {
  /** "YYYY-MM-DD", in Paris. */
  date: string;
  start: number;
  end: number;
  slotMinutes: number;
  gapMinutes: number;
  breaks: Interval[];
};

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * The day's slots, in order: each `slotMinutes` long, `gapMinutes` apart,
 * inside [start, end], never overlapping a break (a slot that would is moved
 * to the end of the break).
 */
export function generateSlots(day: AuditionDay): Interval[] {
  const breaks = [...day.breaks].sort((a, b) => a.start - b.start);
  const slots: Interval[] = [];
  let t = day.start;
  while (t + day.slotMinutes <= day.end) {
    const candidate = { start: t, end: t + day.slotMinutes };
    const clash = breaks.find((b) => overlaps(candidate, b));
    if (clash) {
      t = clash.end;
      continue;
    }
    slots.push(candidate);
    t = candidate.end + day.gapMinutes;
  }
  return slots;
}

/** Problems with a day's settings, in French (empty when the day is valid). */
export function dayProblems(day: AuditionDay): string[] {
  const problems: string[] = [];
  if (day.start >= day.end) problems.push("La journée doit finir après son début.");
  const sorted = [...day.breaks].sort((a, b) => a.start - b.start);
  for (const b of sorted) {
    if (b.start >= b.end) problems.push(`La pause de ${fromMinutes(b.start)} doit finir après son début.`);
    else if (b.start < day.start || b.end > day.end) {
      problems.push(`La pause ${fromMinutes(b.start)}–${fromMinutes(b.end)} est en dehors de la journée (${fromMinutes(day.start)}–${fromMinutes(day.end)}).`);
    }
  }
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i - 1]!, sorted[i]!)) problems.push(`Les pauses de ${fromMinutes(sorted[i - 1]!.start)} et de ${fromMinutes(sorted[i]!.start)} se chevauchent.`);
  }
  if (problems.length === 0 && generateSlots(day).length === 0) problems.push("Aucun créneau ne tient dans cette journée : raccourcissez les auditions ou les pauses.");
  return problems;
}

export type PlannedSlot = { id: string; date: string; start: number; end: number };
export type Assignment = { slotId: string; dossierId: string; label: string };

const frenchDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const slotName = (s: PlannedSlot) => `du ${frenchDate(s.date)} à ${fromMinutes(s.start)}`;

/**
 * Conflicts of a set of assignments against the plan, in French: a slot
 * assigned twice, a dossier on two slots, a slot that does not exist or lies
 * outside its day (hours shortened, a break added over it).
 */
export function assignmentConflicts(slots: PlannedSlot[], days: AuditionDay[], assignments: Assignment[]): string[] {
  const problems: string[] = [];
  const byId = new Map(slots.map((s) => [s.id, s]));
  const slotSeen = new Set<string>();
  const dossierSlot = new Map<string, PlannedSlot>();
  for (const a of assignments) {
    const slot = byId.get(a.slotId);
    if (!slot) {
      problems.push(`Le créneau choisi pour le dossier ${a.label} n’existe pas dans le planning.`);
      continue;
    }
    if (slotSeen.has(slot.id)) problems.push(`Le créneau ${slotName(slot)} est attribué deux fois.`);
    slotSeen.add(slot.id);
    const previous = dossierSlot.get(a.dossierId);
    if (previous) problems.push(`Le dossier ${a.label} est placé sur deux créneaux (${slotName(previous)} et ${slotName(slot)}).`);
    else dossierSlot.set(a.dossierId, slot);
    const day = days.find((d) => d.date === slot.date);
    if (!day || slot.start < day.start || slot.end > day.end || day.breaks.some((b) => overlaps(slot, b))) {
      problems.push(
        day
          ? `Le créneau ${slotName(slot)} (dossier ${a.label}) est en dehors de la journée d’auditions (${fromMinutes(day.start)}–${fromMinutes(day.end)}, pauses comprises).`
          : `Le créneau ${slotName(slot)} (dossier ${a.label}) n’appartient à aucune journée d’auditions.`,
      );
    }
  }
  return problems;
}
