/** Dates are stored as UTC instants and read and written in Europe/Paris. */
export const TIME_ZONE = "Europe/Paris";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export type ParisWallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock time in Paris at `instant`, as numbers. */
export function parisWallClock(instant: Date): ParisWallClock {
  const p = Object.fromEntries(partsFormatter.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour!, minute: +p.minute!, second: +p.second! };
}

/** Offset of Paris from UTC at `instant`, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(partsFormatter.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * "2020-12-31T23:59" read as a wall-clock time in Paris → the UTC instant.
 * In the autumn overlap the earlier instant is chosen; a time skipped in spring
 * is moved forward by the gap, as clocks do.
 */
export function parisLocalToInstant(local: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi, s] = m;
  const naive = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0));
  const day = 86_400_000;
  const before = parisOffsetMinutes(new Date(naive - day)) * 60_000;
  const after = parisOffsetMinutes(new Date(naive + day)) * 60_000;
  const valid = [naive - before, naive - after].filter((c) => c + parisOffsetMinutes(new Date(c)) * 60_000 === naive);
  // Two valid instants: autumn overlap, keep the earlier. None: spring gap,
  // read with the offset in force before the change (moves forward).
  return new Date(valid.length > 0 ? Math.min(...valid) : naive - before);
}

const dateTimeFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  dateStyle: "long",
  timeStyle: "short",
});
const dateFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, dateStyle: "long" });

/** « 31 décembre 2020 à 23:59 » */
export function formatParisDateTime(instant: Date): string {
  return dateTimeFormatter.format(instant);
}

/** « 3 mars 2021 » */
export function formatParisDate(instant: Date): string {
  return dateFormatter.format(instant);
}
