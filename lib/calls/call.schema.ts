/**
 * The call editor's input, shared by the browser (react-hook-form) and the
 * server. Dates are typed in Paris wall-clock time (« 2027-01-31T23:59 »),
 * amounts in integer cents, the rate in percent (stored in basis points).
 */
import { z } from "@/lib/validation/zod";
import { AMOUNT_LIMIT_CENTS, isRealDate } from "./question-definition";

export const ADMINISTRATION_KINDS = ["CENTRAL", "DECENTRALISED", "OPERATOR", "SOCIAL_SECURITY", "LOCAL_AUTHORITY"] as const;
export const ADMINISTRATION_KIND_LABEL: Record<(typeof ADMINISTRATION_KINDS)[number], string> = {
  CENTRAL: "Administration centrale",
  DECENTRALISED: "Service déconcentré",
  OPERATOR: "Opérateur ou établissement public",
  SOCIAL_SECURITY: "Organisme de sécurité sociale",
  LOCAL_AUTHORITY: "Collectivité territoriale",
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(Math.min(min, 1), { error: `${label} : ce champ est obligatoire.`, abort: true })
    .min(min, { error: `${label} : ${min} caractères au minimum.` })
    .max(max, { error: `${label} : ${max.toLocaleString("fr-FR")} caractères au maximum.` });

/** Cents typed in euros; a typed « -500 » reaches here as text and is named for what it is. */
const cents = (label: string, required: boolean) =>
  z.unknown().transform((v, ctx): number | null => {
    if (v === null || v === undefined || v === "") {
      if (required) ctx.addIssue({ code: "custom", message: `${label} : ce champ est obligatoire.` });
      return null;
    }
    if ((typeof v === "number" && v < 0) || (typeof v === "string" && /^\s*-/.test(v))) {
      ctx.addIssue({ code: "custom", message: `${label} : le montant ne peut pas être négatif.` });
      return null;
    }
    if (typeof v !== "number" || !Number.isInteger(v)) {
      ctx.addIssue({ code: "custom", message: `${label} : indiquez un montant en euros, par exemple 100 000.` });
      return null;
    }
    if (v > AMOUNT_LIMIT_CENTS) {
      ctx.addIssue({ code: "custom", message: `${label} : 100 000 000 € au maximum.` });
      return null;
    }
    return v;
  });

const localDateTime = (label: string) =>
  z
    .string({ error: `${label} : indiquez une date et une heure.` })
    .trim()
    .refine((s) => s === "" || (LOCAL_DATE_TIME.test(s) && isRealDate(s.slice(0, 10)) && +s.slice(11, 13) < 24 && +s.slice(14, 16) < 60), {
      error: `${label} : date invalide (format attendu JJ/MM/AAAA HH:MM).`,
    });

const lines = (label: string, maxItems: number, maxLength: number) =>
  z
    .string()
    .max(20_000, { error: `${label} : texte trop long.` })
    .transform((s, ctx) => {
      const items = s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "");
      if (items.length > maxItems) ctx.addIssue({ code: "custom", message: `${label} : ${maxItems} au maximum.` });
      if (items.some((l) => l.length > maxLength)) ctx.addIssue({ code: "custom", message: `${label} : ${maxLength} caractères au maximum par ligne.` });
      if (new Set(items.map((l) => l.toLowerCase())).size !== items.length) ctx.addIssue({ code: "custom", message: `${label} : chaque ligne doit être différente des autres.` });
      return items;
    });

export const callSettingsFields = z.object({
  title: text("Titre", 5, 200),
  slug: z
    .string({ error: "Adresse : ce champ est obligatoire." })
    .trim()
    .min(3, { error: "Adresse : 3 caractères au minimum." })
    .max(80, { error: "Adresse : 80 caractères au maximum." })
    .regex(SLUG_PATTERN, { error: "Adresse : lettres minuscules non accentuées, chiffres et tirets, par exemple appel-donnee-2022." }),
  summary: text("Résumé", 10, 500),
  description: z.string().trim().max(20_000, { error: "Description : 20 000 caractères au maximum." }),
  kind: z.enum(["CALL", "ROLLING"], { error: "Type d’appel : choisissez appel à projets ou guichet en continu." }),
  themes: lines("Thèmes", 20, 100),
  categories: lines("Catégories", 30, 200),
  eligibleKinds: z.array(z.enum(ADMINISTRATION_KINDS, { error: "Administrations éligibles : type inconnu." }), { error: "Administrations éligibles : choisissez dans la liste." }).max(ADMINISTRATION_KINDS.length),
  budgetEnvelopeCents: cents("Enveloppe budgétaire", true),
  minRequestedCents: cents("Cofinancement minimal", false),
  maxRequestedCents: cents("Cofinancement maximal", false),
  maxRatePercent: z
    .union([z.literal(""), z.null(), z.number({ error: "Taux maximal : indiquez un pourcentage." })])
    .optional()
    .refine((v) => v === undefined || v === null || v === "" || (v > 0 && v <= 100 && Math.round(v * 100) === v * 100), {
      error: "Taux maximal : un pourcentage entre 0,01 et 100.",
    }),
  opensAt: localDateTime("Ouverture").refine((s) => s !== "", { error: "Ouverture : indiquez une date et une heure." }),
  closesAt: localDateTime("Clôture des dépôts"),
  preselectionAt: localDateTime("Présélection"),
  auditionDays: z
    .array(z.string().trim().refine((s) => s === "" || isRealDate(s), { error: "Journée d’auditions : date invalide." }))
    .max(5, { error: "Journées d’auditions : 5 au maximum." }),
  resultsExpectedAt: localDateTime("Résultats"),
});

type Fields = z.output<typeof callSettingsFields>;

/** Cross-field rules: dates in order, amounts consistent. Paths name the field to fix. */
export function settingsIssues(v: Fields): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (v.kind === "ROLLING" && v.closesAt) out.push({ path: "closesAt", message: "Clôture des dépôts : un guichet en continu n’a pas de date de clôture, laissez ce champ vide." });
  if (v.closesAt && v.opensAt && v.closesAt <= v.opensAt) out.push({ path: "closesAt", message: "Clôture des dépôts : elle doit suivre l’ouverture." });
  const afterClose = v.closesAt || v.opensAt;
  if (v.preselectionAt && afterClose && v.preselectionAt <= afterClose) {
    out.push({ path: "preselectionAt", message: `Présélection : elle doit suivre ${v.closesAt ? "la clôture des dépôts" : "l’ouverture"}.` });
  }
  const days = v.auditionDays.filter((d) => d !== "");
  const dayFloor = (v.preselectionAt || afterClose).slice(0, 10);
  let previous = "";
  v.auditionDays.forEach((d, index) => {
    if (d === "") return;
    if (d <= dayFloor) out.push({ path: `auditionDays.${index}`, message: `Journée d’auditions : elle doit suivre ${v.preselectionAt ? "la présélection" : "la clôture des dépôts"}.` });
    else if (previous !== "" && d <= previous) out.push({ path: `auditionDays.${index}`, message: "Journées d’auditions : dans l’ordre, sans doublon." });
    previous = d;
  });
  const beforeResults = days.length > 0 ? `${days.at(-1)}T23:59` : v.preselectionAt || afterClose;
  if (v.resultsExpectedAt && beforeResults && v.resultsExpectedAt <= beforeResults) {
    out.push({ path: "resultsExpectedAt", message: `Résultats : ils doivent suivre ${days.length > 0 ? "la dernière journée d’auditions" : v.preselectionAt ? "la présélection" : "la clôture des dépôts"}.` });
  }
  if (v.minRequestedCents !== null && v.maxRequestedCents !== null && v.minRequestedCents > v.maxRequestedCents) {
    out.push({ path: "maxRequestedCents", message: "Cofinancement maximal : il doit être supérieur ou égal au minimum." });
  }
  if (v.maxRequestedCents !== null && v.budgetEnvelopeCents !== null && v.maxRequestedCents > v.budgetEnvelopeCents) {
    out.push({ path: "maxRequestedCents", message: "Cofinancement maximal : il ne peut pas dépasser l’enveloppe budgétaire." });
  }
  return out;
}

export const callSettingsInput = callSettingsFields.superRefine((v, ctx) => {
  for (const issue of settingsIssues(v)) ctx.addIssue({ code: "custom", path: issue.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
});
export type CallSettingsInput = z.input<typeof callSettingsInput>;
export type CallSettings = z.output<typeof callSettingsInput>;

export const updateCallInput = z.object({
  callId: z.uuid({ error: "Appel inconnu." }),
  version: z.number({ error: "Version manquante." }).int().min(1).max(2_147_483_647),
  values: z.unknown(),
});

export const callRef = z.object({ callId: z.uuid({ error: "Appel inconnu." }) });

export const transitionInput = z.object({
  callId: z.uuid({ error: "Appel inconnu." }),
  to: z.enum(["DRAFT", "OPEN", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "RESULTS_PUBLISHED", "ARCHIVED"], { error: "Phase inconnue." }),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer." }),
  newClosesAt: localDateTime("Nouvelle date de clôture").optional().default(""),
});

export const duplicateInput = z.object({
  callId: z.uuid({ error: "Appel inconnu." }),
  title: text("Titre du nouvel appel", 5, 200),
  slug: callSettingsFields.shape.slug,
  kind: z.enum(["CALL", "ROLLING"], { error: "Type d’appel : choisissez appel à projets ou guichet en continu." }),
});

export const teamInput = z.object({
  callId: z.uuid({ error: "Appel inconnu." }),
  email: z
    .string({ error: "Adresse électronique : ce champ est obligatoire." })
    .trim()
    .toLowerCase()
    .max(254, { error: "Adresse électronique : 254 caractères au maximum." })
    .pipe(z.email({ error: "Adresse électronique : format attendu prenom.nom@exemple.gouv.fr." })),
  role: z.enum(["STAFF", "JURY", "JURY_CHAIR"], { error: "Rôle : choisissez équipe du programme, juré ou président du jury." }),
});

export const teamRemoveInput = z.object({
  callId: z.uuid({ error: "Appel inconnu." }),
  userId: z.uuid({ error: "Personne inconnue." }),
  role: z.enum(["STAFF", "JURY"], { error: "Rôle inconnu." }),
});

export const questionRef = z.object({ callId: z.uuid({ error: "Appel inconnu." }), questionId: z.uuid({ error: "Question inconnue." }) });

/** Euros with two decimals at most → basis points. */
export const percentToBps = (p: number | "" | null | undefined): number | null => (typeof p === "number" ? Math.round(p * 100) : null);
