/**
 * A question a call adds to the applicant's form: its type, label, help text,
 * whether it is required, and its limits. Shared by the call editor (the
 * admin's input, parsed here with French messages) and the form engine
 * (lib/calls/questions.schema.ts builds the answers' schema from it).
 */
import { z } from "@/lib/validation/zod";

export const QUESTION_TYPES = ["SHORT_TEXT", "LONG_TEXT", "NUMBER", "AMOUNT", "DATE", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "FILE", "YES_NO"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  SHORT_TEXT: "Texte court",
  LONG_TEXT: "Texte long",
  NUMBER: "Nombre",
  AMOUNT: "Montant en euros",
  DATE: "Date",
  SINGLE_CHOICE: "Choix unique",
  MULTIPLE_CHOICE: "Choix multiples",
  FILE: "Fichier (nom du fichier déclaré)",
  YES_NO: "Oui / non",
};

/** Limits per type; absent means none beyond the engine's own. */
export type QuestionConfig = {
  maxLength?: number;
  min?: number;
  max?: number;
  /** « YYYY-MM-DD » bounds of a date. */
  minDate?: string;
  maxDate?: string;
  options?: string[];
};

export type QuestionDefinition = {
  key: string;
  type: QuestionType;
  label: string;
  helpText: string | null;
  required: boolean;
  config: QuestionConfig;
};

/** The engine's own bounds, whatever the call asks. */
export const TEXT_MAX = { SHORT_TEXT: 500, LONG_TEXT: 10_000 } as const;
export const TEXT_DEFAULT_MAX = { SHORT_TEXT: 200, LONG_TEXT: 4000 } as const;
export const NUMBER_LIMIT = 1_000_000_000;
export const AMOUNT_LIMIT_CENTS = 100_000_000_00;
export const MAX_OPTIONS = 30;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export function isRealDate(s: string): boolean {
  if (!isoDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const optionalNumber = (label: string, min: number, max: number, int: boolean) =>
  z
    .number({ error: `${label} : indiquez un nombre.` })
    .refine((n) => !int || Number.isInteger(n), { error: `${label} : un nombre entier.` })
    .refine((n) => n >= min && n <= max, { error: `${label} : entre ${min.toLocaleString("fr-FR")} et ${max.toLocaleString("fr-FR")}.` })
    .nullable()
    .optional();

/** What the editor sends for one question (the key is chosen by the server). */
export const questionInput = z
  .object({
    type: z.enum(QUESTION_TYPES, { error: "Type de question inconnu : choisissez un des types proposés." }),
    label: z
      .string({ error: "Intitulé : ce champ est obligatoire." })
      .trim()
      .min(1, { error: "Intitulé : ce champ est obligatoire." })
      .max(300, { error: "Intitulé : 300 caractères au maximum." }),
    helpText: z.string().trim().max(1000, { error: "Texte d’aide : 1 000 caractères au maximum." }).optional().default(""),
    required: z.boolean().default(false),
    maxLength: optionalNumber("Longueur maximale", 1, TEXT_MAX.LONG_TEXT, true),
    min: optionalNumber("Minimum", -NUMBER_LIMIT, NUMBER_LIMIT, false),
    max: optionalNumber("Maximum", -NUMBER_LIMIT, NUMBER_LIMIT, false),
    minDate: z.string().trim().optional().default(""),
    maxDate: z.string().trim().optional().default(""),
    /** One option a line. */
    options: z.string().max(10_000, { error: "Options : 10 000 caractères au maximum." }).optional().default(""),
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((q.type === "SHORT_TEXT" || q.type === "LONG_TEXT") && q.maxLength != null && q.maxLength > TEXT_MAX[q.type]) {
      issue("maxLength", `Longueur maximale : ${TEXT_MAX[q.type].toLocaleString("fr-FR")} caractères au plus pour ce type.`);
    }
    if ((q.type === "NUMBER" || q.type === "AMOUNT") && q.min != null && q.max != null && q.min > q.max) {
      issue("max", "Maximum : il doit être supérieur ou égal au minimum.");
    }
    if (q.type === "AMOUNT") {
      for (const f of ["min", "max"] as const) {
        const v = q[f];
        if (v != null && (v < 0 || !Number.isInteger(v) || v > AMOUNT_LIMIT_CENTS)) issue(f, `${f === "min" ? "Minimum" : "Maximum"} : un montant positif en centimes entiers, 100 000 000 € au plus.`);
      }
    }
    if (q.type === "DATE") {
      for (const f of ["minDate", "maxDate"] as const) if (q[f] !== "" && !isRealDate(q[f])) issue(f, `${f === "minDate" ? "Date minimale" : "Date maximale"} : date invalide.`);
      if (q.minDate && q.maxDate && isRealDate(q.minDate) && isRealDate(q.maxDate) && q.minDate > q.maxDate) issue("maxDate", "Date maximale : elle doit suivre la date minimale.");
    }
    if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") {
      const options = splitOptions(q.options);
      if (options.length < 2) issue("options", "Options : indiquez au moins deux options, une par ligne.");
      if (options.length > MAX_OPTIONS) issue("options", `Options : ${MAX_OPTIONS} au maximum.`);
      if (new Set(options).size !== options.length) issue("options", "Options : chaque option doit être différente des autres.");
      if (options.some((o) => o.length > 200)) issue("options", "Options : 200 caractères au maximum par option.");
    }
  });
export type QuestionInput = z.input<typeof questionInput>;

export function splitOptions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The editor's input → the stored definition (without its key). */
export function toDefinition(q: z.output<typeof questionInput>): Omit<QuestionDefinition, "key"> {
  const config: QuestionConfig = {};
  if (q.type === "SHORT_TEXT" || q.type === "LONG_TEXT") config.maxLength = q.maxLength ?? TEXT_DEFAULT_MAX[q.type];
  if (q.type === "NUMBER" || q.type === "AMOUNT") {
    if (q.min != null) config.min = q.min;
    if (q.max != null) config.max = q.max;
  }
  if (q.type === "DATE") {
    if (q.minDate) config.minDate = q.minDate;
    if (q.maxDate) config.maxDate = q.maxDate;
  }
  if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") config.options = splitOptions(q.options);
  return { type: q.type, label: q.label, helpText: q.helpText === "" ? null : q.helpText, required: q.required, config };
}

/** A stored row → a definition; a type the engine does not know is refused, never guessed. */
export function definitionFromRow(row: { key: string; type: string; label: string; helpText: string | null; required: boolean; config: unknown }): QuestionDefinition {
  if (!(QUESTION_TYPES as readonly string[]).includes(row.type)) throw new RangeError(`unknown question type ${row.type}`);
  const c = (row.config ?? {}) as Record<string, unknown>;
  const config: QuestionConfig = {};
  for (const k of ["maxLength", "min", "max"] as const) if (typeof c[k] === "number") config[k] = c[k];
  for (const k of ["minDate", "maxDate"] as const) if (typeof c[k] === "string") config[k] = c[k];
  if (Array.isArray(c.options)) config.options = c.options.filter((o): o is string => typeof o === "string");
  return { key: row.key, type: row.type as QuestionType, label: row.label, helpText: row.helpText, required: row.required, config };
}
