/**
 * The dossier form: one zod schema per step, shared by the browser
 * (react-hook-form's resolver) and the server (every save and every submit).
 * A draft may be incomplete but never malformed: `draftStepSchemas` accept
 * empty fields, yet keep every bound and format.
 */
import { isPlainText, z } from "@/lib/validation/zod";
import { BUDGET_NATURES } from "./budget";
import { isValidSiret, normaliseSiret } from "./siret";

/** A sane maximum for one amount: 100 M€, in cents. */
export const MAX_AMOUNT_CENTS = 100_000_000_00;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(Math.min(min, 1), { error: `${label} : ce champ est obligatoire.`, abort: true })
    .min(min, { error: `${label} : ${min} caractères au minimum.` })
    .max(max, { error: `${label} : ${max} caractères au maximum.` })
    .refine(isPlainText, { error: `${label} : ce texte contient des caractères non autorisés.` });

const cents = (label: string) =>
  z
    .number({ error: `${label} : indiquez un montant en euros.` })
    .int({ error: `${label} : le montant doit être en centimes entiers.` })
    .min(0, { error: `${label} : le montant ne peut pas être négatif.` })
    .max(MAX_AMOUNT_CENTS, { error: `${label} : le montant ne peut pas dépasser 100 000 000 €.` });

export const projectStep = z.object({
  title: text("Titre du projet", 5, 200),
  summary: text("Résumé", 50, 1500),
  durationMonths: z
    .number({ error: "Durée : indiquez un nombre de mois." })
    .int({ error: "Durée : un nombre entier de mois." })
    .min(1, { error: "Durée : 1 mois au minimum." })
    .max(60, { error: "Durée : 60 mois au maximum." }),
});

export const contactsStep = z.object({
  siret: z
    .string({ error: "SIRET : ce champ est obligatoire." })
    .transform(normaliseSiret)
    .pipe(
      z
        .string()
        .regex(/^\d{14}$/, { error: "SIRET : 14 chiffres attendus." })
        .refine(isValidSiret, { error: "SIRET : ce numéro n’est pas valide (clé de contrôle incorrecte)." }),
    ),
  service: text("Service porteur", 2, 200),
  leadName: text("Nom du chef de projet", 2, 120),
  leadEmail: z
    .string({ error: "Adresse électronique : ce champ est obligatoire." })
    .trim()
    .max(254, { error: "Adresse électronique : 254 caractères au maximum." })
    .pipe(z.email({ error: "Adresse électronique : format attendu prenom.nom@exemple.gouv.fr." })),
  leadPhone: z
    .string({ error: "Téléphone : ce champ est obligatoire." })
    .trim()
    .regex(/^(?:(?:\+|00)33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/, { error: "Téléphone : format attendu 01 23 45 67 89 ou +33 1 23 45 67 89." }),
});

export const categoryStep = z.object({
  categoryKey: z
    .string({ error: "Catégorie : choisissez une catégorie." })
    .regex(/^[a-z0-9_-]{1,60}$/, { error: "Catégorie : choisissez une catégorie." }),
});

export const objectivesStep = z.object({
  objectives: text("Objectifs", 50, 4000),
  benefitsAdministration: text("Bénéfices pour l’administration", 50, 4000),
  benefitsOthers: text("Bénéfices pour les usagers et les autres administrations", 50, 4000),
});

export const technicalStep = z.object({
  approach: text("Approche technique", 50, 6000),
  team: text("Équipe projet", 20, 2000),
});

export const sustainabilityStep = z.object({
  sustainability: text("Pérennité", 50, 4000),
});

export const budgetLine = z.object({
  nature: z.enum(BUDGET_NATURES, { error: "Nature : choisissez une nature de dépense." }),
  year: z
    .number({ error: "Année : indiquez une année." })
    .int({ error: "Année : une année entière." })
    .min(2020, { error: "Année : 2020 au plus tôt." })
    .max(2035, { error: "Année : 2035 au plus tard." }),
  label: text("Libellé", 2, 200),
  amountCents: cents("Montant"),
});

export const budgetStep = z.object({
  lines: z.array(budgetLine).min(1, { error: "Ajoutez au moins une ligne de dépense." }).max(50, { error: "50 lignes au maximum." }),
  requestedCents: cents("Cofinancement demandé"),
  otherFunding: text("Autres financements", 0, 1000),
});

export const STEPS = [
  { key: "project", label: "Projet", schema: projectStep },
  { key: "contacts", label: "Administration et contacts", schema: contactsStep },
  { key: "category", label: "Catégorie", schema: categoryStep },
  { key: "objectives", label: "Objectifs et bénéfices attendus", schema: objectivesStep },
  { key: "technical", label: "Approche technique", schema: technicalStep },
  { key: "sustainability", label: "Pérennité", schema: sustainabilityStep },
  { key: "budget", label: "Budget et cofinancement", schema: budgetStep },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export const STEP_KEYS = STEPS.map((s) => s.key) as [StepKey, ...StepKey[]];
export const REVIEW_STEP = { key: "review", label: "Vérification et dépôt" } as const;
/** The call's own questions (lib/calls/questions.schema.ts), a step shown only when the call has some. */
export const QUESTIONS_STEP = { key: "questions", label: "Questions propres à l’appel" } as const;
export type FormStepKey = StepKey | typeof QUESTIONS_STEP.key;

export const stepSchemas = Object.fromEntries(STEPS.map((s) => [s.key, s.schema])) as {
  [S in (typeof STEPS)[number] as S["key"]]: S["schema"];
};

export type StepValues = { [K in StepKey]: z.output<(typeof stepSchemas)[K]> };
export type DossierContent = { [K in FormStepKey]?: unknown };

/** Empty in a draft: "", null or absent. Anything else must satisfy the field's rule. */
function relax(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, relax(v)]));
    return z.object(shape);
  }
  if (schema instanceof z.ZodArray) {
    // A draft keeps the bound on the number of lines, not the minimum.
    return z.array(relax(schema.element as z.ZodType)).max(50, { error: "50 lignes au maximum." });
  }
  return z.union([z.literal(""), z.null(), schema]).optional();
}

export const draftStepSchemas = Object.fromEntries(STEPS.map((s) => [s.key, relax(s.schema)])) as Record<StepKey, z.ZodType>;

/** Server-side envelope of a save: never trust the shape the browser sends. */
export const saveStepInput = z.object({
  dossierId: z.uuid({ error: "Dossier inconnu." }),
  step: z.enum([...STEP_KEYS, QUESTIONS_STEP.key], { error: "Étape inconnue." }),
  version: z
    .number({ error: "Version du dossier inconnue : rechargez la page." })
    .int({ error: "Version du dossier inconnue : rechargez la page." })
    .min(1, { error: "Version du dossier inconnue : rechargez la page." })
    .max(2_147_483_647, { error: "Version du dossier inconnue : rechargez la page." }),
  values: z.unknown(),
});
export type SaveStepInput = z.input<typeof saveStepInput>;

export const submitInput = z.object({
  dossierId: z.uuid({ error: "Dossier inconnu." }),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,100}$/, { error: "Clé de dépôt invalide." }),
});

export const withdrawInput = z.object({
  dossierId: z.uuid({ error: "Dossier inconnu." }),
  reason: text("Motif du retrait", 0, 1000),
});

/** Empty form values of a step, for react-hook-form's defaultValues. */
export const EMPTY_STEP_VALUES = {
  project: { title: "", summary: "", durationMonths: null },
  contacts: { siret: "", service: "", leadName: "", leadEmail: "", leadPhone: "" },
  category: { categoryKey: "" },
  objectives: { objectives: "", benefitsAdministration: "", benefitsOthers: "" },
  technical: { approach: "", team: "" },
  sustainability: { sustainability: "" },
  budget: { lines: [], requestedCents: null, otherFunding: "" },
} as const;

/** Labels of the fields, for the conflict dialog and the review step. */
export const FIELD_LABEL: Record<string, string> = {
  title: "Titre du projet",
  summary: "Résumé",
  durationMonths: "Durée (mois)",
  siret: "SIRET",
  service: "Service porteur",
  leadName: "Chef de projet",
  leadEmail: "Adresse électronique",
  leadPhone: "Téléphone",
  categoryKey: "Catégorie",
  objectives: "Objectifs",
  benefitsAdministration: "Bénéfices pour l’administration",
  benefitsOthers: "Bénéfices pour les usagers et les autres administrations",
  approach: "Approche technique",
  team: "Équipe projet",
  sustainability: "Pérennité",
  lines: "Lignes de dépenses",
  requestedCents: "Cofinancement demandé",
  otherFunding: "Autres financements",
};
