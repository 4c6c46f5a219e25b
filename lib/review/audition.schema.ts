import { z } from "@/lib/validation/zod";
import { dayProblems, toMinutes, type AuditionDay, type Interval } from "./audition-slots";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (what: string) => z.string({ error: `Indiquez ${what}.` }).regex(TIME, `Indiquez ${what} au format HH:MM (par exemple 09:00).`);

const isRealDate = (s: string) => {
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** "12:30-13:30, 16:00-16:15" → intervals; an empty text is no break. */
const breaksText = z
  .string()
  .max(300, "300 caractères au plus.")
  .transform((text, ctx): Interval[] => {
    const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
    const out: Interval[] = [];
    for (const part of parts) {
      const m = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/.exec(part);
      if (!m || !TIME.test(m[1]!) || !TIME.test(m[2]!)) {
        ctx.addIssue({ code: "custom", message: `« ${part} » n’est pas une pause : écrivez par exemple « 12:30-13:30, 16:00-16:15 ».` });
        return z.NEVER;
      }
      out.push({ start: toMinutes(m[1]!), end: toMinutes(m[2]!) });
    }
    return out;
  });

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((s) => (s === "" ? null : s));

/** An audition day's settings, as the planning form sends them. */
export const auditionDayInput = z
  .object({
    version: z.coerce.number().int().min(0),
    date: z
      .string({ error: "Indiquez la date de la journée." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date au format AAAA-MM-JJ.")
      .refine(isRealDate, "Cette date n’existe pas."),
    start: time("l’heure de début"),
    end: time("l’heure de fin"),
    slotMinutes: z.coerce
      .number({ error: "Indiquez la durée d’une audition en minutes." })
      .int("La durée est un nombre entier de minutes.")
      .min(5, "Une audition dure au moins 5 minutes.")
      .max(240, "Une audition dure au plus 240 minutes."),
    gapMinutes: z.coerce
      .number({ error: "Indiquez l’intervalle entre deux auditions en minutes (0 si aucun)." })
      .int("L’intervalle est un nombre entier de minutes.")
      .min(0, "L’intervalle ne peut pas être négatif.")
      .max(120, "L’intervalle est de 120 minutes au plus."),
    breaks: breaksText,
    location: optionalText(300, "Le lieu tient en 300 caractères au plus."),
    videoUrl: optionalText(500, "Le lien tient en 500 caractères au plus.").refine(
      (v) => v === null || /^https:\/\/[^\s]+$/.test(v),
      "Le lien de visioconférence doit commencer par https://.",
    ),
  })
  .superRefine((input, ctx) => {
    if (!TIME.test(input.start) || !TIME.test(input.end)) return;
    for (const message of dayProblems(toDay(input))) ctx.addIssue({ code: "custom", path: ["breaks"], message });
  });
export type AuditionDayInput = z.infer<typeof auditionDayInput>;

export function toDay(input: { date: string; start: string; end: string; slotMinutes: number; gapMinutes: number; breaks: Interval[] }): AuditionDay {
  return { date: input.date, start: toMinutes(input.start), end: toMinutes(input.end), slotMinutes: input.slotMinutes, gapMinutes: input.gapMinutes, breaks: input.breaks };
}

/** The days stored on a plan (audition_plan.days), read back defensively. */
const storedDay = z.object({
  date: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  slotMinutes: z.number().int(),
  gapMinutes: z.number().int(),
  breaks: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export const storedDays = z.array(storedDay).catch([]);

/** Assignments: `slot:<slotId>` → a dossier id or "" (free). */
export const assignmentsInput = z.object({
  version: z.coerce.number().int().min(0),
  assignments: z
    .array(z.object({ slotId: z.uuid("Créneau inconnu."), dossierId: z.uuid("Dossier inconnu.").nullable() }))
    .max(2_000, "Trop de créneaux dans un seul envoi."),
});
export type AssignmentsInput = z.infer<typeof assignmentsInput>;

export function assignmentsFromForm(formData: FormData): { version: FormDataEntryValue | null; assignments: { slotId: string; dossierId: string | null }[] } {
  const assignments: { slotId: string; dossierId: string | null }[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("slot:")) continue;
    assignments.push({ slotId: key.slice(5), dossierId: typeof value === "string" && value !== "" ? value : null });
  }
  return { version: formData.get("version"), assignments };
}

export const versionInput = z.object({ version: z.coerce.number().int().min(0) });
