/**
 * Inputs of the staff review mutations, shared by the forms and the server.
 * Messages in French; every id is a uuid, every list bounded.
 */
import { z } from "@/lib/validation/zod";

/** A form's envelope: anything but an object is refused with one French message. */
const form = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: "Le formulaire est incomplet : rechargez la page." });

const uuid = (what: string) => z.uuid({ error: `${what} inconnu.` });

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(Math.min(min, 1), { error: `${label} : ce champ est obligatoire.`, abort: true })
    .min(min, { error: `${label} : ${min} caractères au minimum.` })
    .max(max, { error: `${label} : ${max} caractères au maximum.` })
    // PostgreSQL refuses NUL in text; other control characters have no business in a message.
    .refine((s) => s.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
      error: `${label} : ce texte contient des caractères non autorisés.`,
    });

/** « 2026-12-15 » — a calendar day in Paris. */
export const parisDay = z
  .string({ error: "Date limite : ce champ est obligatoire." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Date limite : format attendu JJ/MM/AAAA." })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: "Date limite : cette date n’existe pas.",
  });

export const annotationInput = form({
  dossierId: uuid("Dossier"),
  body: text("Annotation", 2, 4000),
});

export const correctionRequestInput = form({
  dossierId: uuid("Dossier"),
  message: text("Motif de la demande de correction", 10, 2000),
  dueDate: parisDay,
});

export const correctionAnswerInput = form({
  dossierId: uuid("Dossier"),
  answer: text("Réponse", 2, 4000),
});

export const PRESELECTION_KINDS = ["PRESELECTED", "NOT_PRESELECTED"] as const;
export type PreselectionKind = (typeof PRESELECTION_KINDS)[number];

export const decisionInput = form({
  callId: uuid("Appel"),
  dossierId: uuid("Dossier"),
  decision: z.enum(PRESELECTION_KINDS, { error: "Décision : choisissez « présélectionné » ou « non présélectionné »." }),
  reason: text("Motif de la décision", 5, 2000),
  /** Version of the decision the person saw (0: none yet), as the form sends it. */
  expectedVersion: z
    .string({ error: "Version de la décision inconnue : rechargez la page." })
    .regex(/^\d{1,7}$/, { error: "Version de la décision inconnue : rechargez la page." })
    .transform(Number),
});

export const releaseInput = form({
  callId: uuid("Appel"),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer la publication des décisions." }),
});

export const assignInput = form({
  dossierId: uuid("Dossier"),
  userIds: z.array(uuid("Instructeur"), { error: "Instructeurs : choisissez dans la liste." }).max(20, { error: "20 instructeurs au maximum." }),
});

export const TAG_COLOURS = [
  "green-emeraude",
  "blue-cumulus",
  "purple-glycine",
  "pink-tuile",
  "yellow-tournesol",
  "orange-terre-battue",
  "brown-caramel",
  "beige-gris-galet",
] as const;

export const TAG_COLOUR_LABEL: Record<(typeof TAG_COLOURS)[number], string> = {
  "green-emeraude": "Vert",
  "blue-cumulus": "Bleu",
  "purple-glycine": "Violet",
  "pink-tuile": "Rose",
  "yellow-tournesol": "Jaune",
  "orange-terre-battue": "Orange",
  "brown-caramel": "Marron",
  "beige-gris-galet": "Gris",
};

export const createTagInput = form({
  callId: uuid("Appel"),
  label: text("Libellé de l’étiquette", 2, 40),
  colour: z.enum(TAG_COLOURS, { error: "Couleur : choisissez une couleur de la liste." }),
});

export const tagsInput = form({
  dossierId: uuid("Dossier"),
  tagIds: z.array(uuid("Étiquette"), { error: "Étiquettes : choisissez dans la liste." }).max(30, { error: "30 étiquettes au maximum." }),
});

export const eligibilityInput = form({
  dossierId: uuid("Dossier"),
  itemKey: z.string({ error: "Critère inconnu." }).regex(/^[a-z-]{2,40}$/, { error: "Critère inconnu." }),
  met: z.enum(["yes", "no"], { error: "Indiquez si le critère est rempli." }),
});

export const BULK_ACTIONS = ["assign", "tag", "decide"] as const;

export const bulkInput = form({
    callId: uuid("Appel"),
    dossierIds: z
      .array(uuid("Dossier"), { error: "Sélectionnez au moins un dossier." })
      .min(1, { error: "Sélectionnez au moins un dossier." })
      .max(200, { error: "200 dossiers au maximum par action groupée." }),
    action: z.enum(BULK_ACTIONS, { error: "Action : choisissez une action." }),
    assigneeId: uuid("Instructeur").optional(),
    tagId: uuid("Étiquette").optional(),
    decision: z.enum(PRESELECTION_KINDS, { error: "Décision : choisissez « présélectionné » ou « non présélectionné »." }).optional(),
    reason: text("Motif de la décision", 0, 2000).optional(),
    intent: z.enum(["preview", "confirm"], { error: "Action inconnue : rechargez la page." }),
    /** The preview's fingerprint of the decisions it counted (confirm only). */
    token: z.string({ error: "Confirmation invalide : vérifiez à nouveau la sélection." }).max(200, { error: "Confirmation invalide : vérifiez à nouveau la sélection." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "assign" && !v.assigneeId) ctx.addIssue({ code: "custom", path: ["assigneeId"], message: "Instructeur : choisissez une personne." });
    if (v.action === "tag" && !v.tagId) ctx.addIssue({ code: "custom", path: ["tagId"], message: "Étiquette : choisissez une étiquette." });
    if (v.action === "decide") {
      if (!v.decision) ctx.addIssue({ code: "custom", path: ["decision"], message: "Décision : choisissez « présélectionné » ou « non présélectionné »." });
      if (!v.reason || v.reason.length < 5) ctx.addIssue({ code: "custom", path: ["reason"], message: "Motif de la décision : 5 caractères au minimum." });
    }
    if (v.intent === "confirm" && !v.token) ctx.addIssue({ code: "custom", path: ["token"], message: "Confirmez d’abord le nombre de dossiers concernés." });
  });
