/** Jury inputs, shared by the browser (offline queue, forms) and the server. */
import { isPlainText, z } from "@/lib/validation/zod";

export const CONFLICT_TYPES = ["SAME_ADMINISTRATION", "PROFESSIONAL", "PERSONAL", "OTHER"] as const;
export const CONFLICT_TYPE_LABEL: Record<(typeof CONFLICT_TYPES)[number], string> = {
  SAME_ADMINISTRATION: "Même administration ou ministère",
  PROFESSIONAL: "Relation professionnelle",
  PERSONAL: "Relation personnelle",
  OTHER: "Autre",
};
export const DECISIONS = ["LAUREATE", "NOT_RETAINED", "WAITING_LIST"] as const;
export const DECISION_LABEL: Record<(typeof DECISIONS)[number], string> = {
  LAUREATE: "Lauréat",
  NOT_RETAINED: "Non retenu",
  WAITING_LIST: "Liste d’attente",
};

const uuid = z.uuid({ error: "Identifiant invalide." });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus.` })
    .refine(isPlainText, { error: "Ce texte contient des caractères non autorisés." });

/**
 * One queued save from the scoring screen. `opId` is generated in the browser
 * when the juror taps: a replay after a lost answer carries the same id.
 */
export const evaluationOpSchema = z.object({
  opId: z
    .string({ error: "Identifiant d’opération invalide." })
    .min(8, { error: "Identifiant d’opération invalide." })
    .max(100, { error: "Identifiant d’opération invalide." })
    .refine(isPlainText, { error: "Identifiant d’opération invalide." }),
  juryDossierId: uuid,
  scores: z
    .array(
      z.object({
        criterionKey: z.string().min(1).max(100),
        // Half-points (7 = 3,5); the scale and step are checked against the call's grid.
        valueHalf: z.int({ error: "La note doit être un nombre entier de demi-points." }),
        comment: text(4000).optional(),
      }),
    )
    .max(50)
    .default([]),
  overallComment: text(8000).optional(),
  feedback: text(8000).optional(),
  internalNote: text(8000).optional(),
  submit: z.boolean().default(false),
});
export type EvaluationOp = z.infer<typeof evaluationOpSchema>;

export const declareConflictSchema = z.object({
  juryDossierId: uuid,
  type: z.enum(CONFLICT_TYPES, { error: "Choisissez le type de conflit." }),
  reason: text(2000).min(3, { error: "Précisez la raison du conflit (3 caractères au moins)." }),
});

export const staffConflictSchema = declareConflictSchema.extend({
  memberId: uuid,
  lock: z.boolean().default(false),
});

export const reviewConflictSchema = z.object({
  conflictId: uuid,
  status: z.enum(["CONFIRMED", "DISMISSED"]),
  lock: z.boolean().default(false),
});

export const decisionSchema = z
  .object({
    juryDossierId: uuid,
    decision: z.enum(DECISIONS, { error: "Choisissez une décision." }),
    grantedCents: z.coerce.bigint({ error: "Montant invalide." }).nonnegative({ error: "Le montant ne peut pas être négatif." }).nullable().default(null),
    motivation: text(8000).min(10, { error: "La motivation du jury est obligatoire (10 caractères au moins)." }),
  })
  .refine((d) => d.decision !== "LAUREATE" || (d.grantedCents !== null && d.grantedCents > 0n), {
    path: ["grantedCents"],
    error: "Indiquez le montant du cofinancement accordé.",
  })
  .refine((d) => d.decision === "LAUREATE" || d.grantedCents === null || d.grantedCents === 0n, {
    path: ["grantedCents"],
    error: "Seul un lauréat reçoit un cofinancement.",
  });

// ——— Staff: scoring grid and feedback (decision 013) ———

export const COMMENT_MODES = ["PER_CRITERION", "OVERALL"] as const;
export const COMMENT_MODE_LABEL: Record<(typeof COMMENT_MODES)[number], string> = {
  PER_CRITERION: "Un commentaire obligatoire par critère",
  OVERALL: "Un commentaire général obligatoire",
};

/** "3", "3,5" or "3.5" (points) → half-points; anything else → NaN (refused by the schema). */
export function pointsToHalf(value: string | null | undefined): number {
  const s = (value ?? "").trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d+)?$/.test(s)) return Number.NaN;
  return Number(s) * 2;
}

/** Half-points → "3,5". */
export const halfToPoints = (half: number) => String(half / 2).replace(".", ",");

const halfPoints = (what: string) =>
  z.number({ error: `${what} : saisissez un nombre de points (par exemple 3 ou 3,5).` }).int({ error: `${what} : au demi-point près.` });

/**
 * The scoring grid as staff set it before the audition day. Values in
 * half-points (the form's points are converted by `pointsToHalf`). Criteria
 * themselves (keys, labels) come from the call; staff set their help text,
 * weight and threshold here.
 */
export const scoringGridSchema = z
  .object({
    scaleMaxHalf: halfPoints("Note maximale")
      .min(2, { error: "La note maximale doit être d’au moins 1 point." })
      .max(40, { error: "La note maximale ne peut pas dépasser 20 points." }),
    stepHalf: z.union([z.literal(1), z.literal(2)], { error: "Indiquez si les demi-points sont autorisés." }),
    commentMode: z.enum(COMMENT_MODES, { error: "Choisissez où le commentaire est obligatoire." }),
    contestedSpreadHalf: halfPoints("Écart contesté").min(1, { error: "L’écart qui rend un dossier contesté doit être d’au moins 0,5 point." }),
    cutSize: z
      .number({ error: "Nombre de lauréats visés : saisissez un nombre entier." })
      .int({ error: "Nombre de lauréats visés : saisissez un nombre entier." })
      .min(0, { error: "Le nombre de lauréats visés ne peut pas être négatif." })
      .max(500, { error: "500 lauréats visés au plus." }),
    tieBreak: z.array(z.string().min(1).max(100), { error: "Ordre de départage invalide." }).max(50),
    criteria: z
      .array(
        z.object({
          key: z.string().min(1).max(100),
          helpText: text(2000).nullable().default(null),
          weight: z
            .number({ error: "Poids : saisissez un nombre entier." })
            .int({ error: "Poids : saisissez un nombre entier." })
            .min(1, { error: "Le poids d’un critère est d’au moins 1 %." })
            .max(100, { error: "Le poids d’un critère ne peut pas dépasser 100 %." }),
          thresholdHalf: halfPoints("Seuil minimal").min(0, { error: "Le seuil ne peut pas être négatif." }).nullable().default(null),
        }),
      )
      .min(1, { error: "La grille doit comporter au moins un critère." })
      .max(50),
  })
  .superRefine((g, ctx) => {
    const sum = g.criteria.reduce((s, c) => s + c.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: "custom", path: ["criteria"], message: `La somme des poids doit être égale à 100 % (actuellement ${sum} %).` });
    if (g.scaleMaxHalf % g.stepHalf !== 0) ctx.addIssue({ code: "custom", path: ["scaleMaxHalf"], message: "Sans demi-points, la note maximale doit être un nombre entier." });
    if (g.contestedSpreadHalf > g.scaleMaxHalf) ctx.addIssue({ code: "custom", path: ["contestedSpreadHalf"], message: "L’écart contesté ne peut pas dépasser la note maximale." });
    g.criteria.forEach((c, i) => {
      if (c.thresholdHalf === null) return;
      if (c.thresholdHalf > g.scaleMaxHalf) ctx.addIssue({ code: "custom", path: ["criteria", i, "thresholdHalf"], message: `Le seuil ne peut pas dépasser la note maximale (${halfToPoints(g.scaleMaxHalf)}).` });
      else if (c.thresholdHalf % g.stepHalf !== 0) ctx.addIssue({ code: "custom", path: ["criteria", i, "thresholdHalf"], message: "Sans demi-points, le seuil doit être un nombre entier." });
    });
    const keys = g.criteria.map((c) => c.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", path: ["criteria"], message: "Un critère apparaît deux fois." });
    if (new Set(g.tieBreak).size !== g.tieBreak.length) ctx.addIssue({ code: "custom", path: ["tieBreak"], message: "Chaque critère ne peut apparaître qu’une fois dans l’ordre de départage." });
    else if (g.tieBreak.length !== keys.length || g.tieBreak.some((k) => !keys.includes(k)))
      ctx.addIssue({ code: "custom", path: ["tieBreak"], message: "L’ordre de départage doit classer chaque critère de la grille une fois." });
  });
export type ScoringGridInput = z.infer<typeof scoringGridSchema>;

/** Staff's review of one drafted feedback: plain text shown as is to the applicant. */
export const feedbackEditSchema = z.object({
  juryDossierId: uuid,
  text: text(8000).min(10, { error: "Le retour doit comporter au moins 10 caractères." }),
});

/** The grid editor's native form → the schema's input (points → half-points; empty → null). */
export function gridFromForm(form: FormData) {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const int = (v: string) => (/^\s*\d{1,4}\s*$/.test(v) ? Number(v) : Number.NaN);
  const count = Math.min(50, Number.isInteger(Number(s("criteriaCount"))) ? Number(s("criteriaCount")) : 0);
  const criteria = Array.from({ length: count }, (_, i) => {
    const threshold = s(`criteria.${i}.threshold`).trim();
    return {
      key: s(`criteria.${i}.key`),
      helpText: s(`criteria.${i}.helpText`).trim() || null,
      weight: int(s(`criteria.${i}.weight`)),
      thresholdHalf: threshold === "" ? null : pointsToHalf(threshold),
    };
  });
  return {
    scaleMaxHalf: pointsToHalf(s("scaleMax")),
    stepHalf: form.get("halfPoints") === "on" ? 1 : 2,
    commentMode: s("commentMode"),
    contestedSpreadHalf: pointsToHalf(s("contestedSpread")),
    cutSize: int(s("cutSize")),
    tieBreak: Array.from({ length: count }, (_, i) => s(`tieBreak.${i}`)),
    criteria,
  };
}
