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
