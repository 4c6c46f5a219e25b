/**
 * The form engine: a call's question definitions → the zod schema of the
 * answers, used by the browser (react-hook-form's resolver) and by the server
 * (every save and the submission). Pure and deterministic.
 *
 * Answers: text → string, number → number, amount → integer cents, date →
 * « YYYY-MM-DD », single choice → the option, multiple choice → options,
 * file → the declared file name (no upload yet), yes/no → "oui" | "non".
 * An empty answer is "", null, undefined or [].
 */
import { formatCents } from "@/lib/money";
import { z } from "@/lib/validation/zod";
import { AMOUNT_LIMIT_CENTS, isRealDate, NUMBER_LIMIT, TEXT_DEFAULT_MAX, TEXT_MAX, type QuestionDefinition } from "./question-definition";

export type AnswerMode = "submit" | "draft";
export const YES_NO = ["oui", "non"] as const;
export const FILE_NAME_MAX = 255;

const frDate = (iso: string) => new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const frNumber = (n: number) => n.toLocaleString("fr-FR");

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

/** The schema of one answer, present. */
function presentSchema(q: QuestionDefinition): z.ZodType {
  const L = q.label;
  const c = q.config;
  switch (q.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT": {
      const max = Math.min(c.maxLength ?? TEXT_DEFAULT_MAX[q.type], TEXT_MAX[q.type]);
      return z
        .string({ error: `${L} : saisissez un texte.` })
        .trim()
        .max(max, { error: `${L} : ${frNumber(max)} caractères au maximum.` });
    }
    case "NUMBER": {
      let s = z
        .number({ error: `${L} : indiquez un nombre.` })
        .refine(Number.isFinite, { error: `${L} : indiquez un nombre.` })
        .refine((n) => Math.abs(n) <= NUMBER_LIMIT, { error: `${L} : nombre trop grand.` });
      if (c.min !== undefined) s = s.refine((n) => n >= c.min!, { error: `${L} : ${frNumber(c.min)} au minimum.` });
      if (c.max !== undefined) s = s.refine((n) => n <= c.max!, { error: `${L} : ${frNumber(c.max)} au maximum.` });
      return s;
    }
    case "AMOUNT": {
      let s = z
        .number({ error: `${L} : indiquez un montant en euros.` })
        .int({ error: `${L} : le montant doit être en centimes entiers.` })
        .min(0, { error: `${L} : le montant ne peut pas être négatif.` })
        .max(AMOUNT_LIMIT_CENTS, { error: `${L} : le montant ne peut pas dépasser ${formatCents(AMOUNT_LIMIT_CENTS)}.` });
      if (c.min !== undefined) s = s.min(c.min, { error: `${L} : ${formatCents(c.min)} au minimum.` });
      if (c.max !== undefined) s = s.max(c.max, { error: `${L} : ${formatCents(c.max)} au maximum.` });
      return s;
    }
    case "DATE": {
      let s = z.string({ error: `${L} : indiquez une date.` }).refine(isRealDate, { error: `${L} : date invalide (format attendu JJ/MM/AAAA).` });
      if (c.minDate) s = s.refine((d) => !isRealDate(d) || d >= c.minDate!, { error: `${L} : le ${frDate(c.minDate)} au plus tôt.` });
      if (c.maxDate) s = s.refine((d) => !isRealDate(d) || d <= c.maxDate!, { error: `${L} : le ${frDate(c.maxDate)} au plus tard.` });
      return s;
    }
    case "SINGLE_CHOICE": {
      const options = c.options ?? [];
      return z.string({ error: `${L} : choisissez une option.` }).refine((v) => options.includes(v), { error: `${L} : choisissez une des options proposées.` });
    }
    case "MULTIPLE_CHOICE": {
      const options = c.options ?? [];
      return z
        .array(z.string({ error: `${L} : choisissez parmi les options proposées.` }), { error: `${L} : choisissez parmi les options proposées.` })
        .max(options.length, { error: `${L} : choisissez parmi les options proposées.` })
        .refine((vs) => vs.every((v) => options.includes(v)), { error: `${L} : choisissez parmi les options proposées.` })
        .refine((vs) => new Set(vs).size === vs.length, { error: `${L} : chaque option une seule fois.` });
    }
    case "FILE":
      return z
        .string({ error: `${L} : indiquez le nom du fichier.` })
        .trim()
        .max(FILE_NAME_MAX, { error: `${L} : ${FILE_NAME_MAX} caractères au maximum.` })
        .regex(/^[^/\\<>:"|?*\u0000-\u001f]+\.[A-Za-z0-9]{1,8}$/, { error: `${L} : un nom de fichier avec son extension, par exemple budget.pdf.` });
    case "YES_NO":
      return z.enum(YES_NO, { error: `${L} : répondez par oui ou par non.` });
  }
}

/** One answer: required and empty → « obligatoire » at submission; empty is fine in a draft. */
export function answerSchema(q: QuestionDefinition, mode: AnswerMode): z.ZodType {
  const present = presentSchema(q);
  const required = mode === "submit" && q.required;
  return z.unknown().transform((v, ctx) => {
    if (isEmpty(v)) {
      if (required) {
        ctx.addIssue({ code: "custom", message: `${q.label} : ce champ est obligatoire.` });
        return z.NEVER;
      }
      return q.type === "MULTIPLE_CHOICE" ? [] : null;
    }
    const r = present.safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return r.data;
  });
}

/** Every answer of a call's form, keyed by question key; answers to unknown questions are dropped. */
export function answersSchema(questions: readonly QuestionDefinition[], mode: AnswerMode) {
  return z.object(Object.fromEntries(questions.map((q) => [q.key, answerSchema(q, mode)])), { error: "Réponses illisibles." });
}

/** Empty values for react-hook-form's defaultValues. */
export function emptyAnswers(questions: readonly QuestionDefinition[]): Record<string, unknown> {
  return Object.fromEntries(questions.map((q) => [q.key, q.type === "MULTIPLE_CHOICE" ? [] : q.type === "NUMBER" || q.type === "AMOUNT" ? null : ""]));
}
