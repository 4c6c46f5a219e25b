/**
 * Outside experts' opinions (issue 6): what staff send to ask for one, what
 * the expert sends back. Shared by the forms and the server.
 */
import { isPlainText, z } from "@/lib/validation/zod";
import { parisDay } from "./review.schema";

const form = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: "Le formulaire est incomplet : rechargez la page." });

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(Math.min(min, 1), { error: `${label} : ce champ est obligatoire.`, abort: true })
    .min(min, { error: `${label} : ${min} caractères au minimum.` })
    .max(max, { error: `${label} : ${max} caractères au maximum.` })
    .refine(isPlainText, { error: `${label} : ce texte contient des caractères non autorisés.` });

/** An empty optional field arrives as "" from a form: it means « none ». */
const optionalText = (label: string, min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text(label, min, max).optional());

export const opinionRequestInput = form({
  dossierId: z.uuid({ error: "Dossier inconnu." }),
  email: z
    .string({ error: "Adresse électronique de l’expert : ce champ est obligatoire." })
    .trim()
    .toLowerCase()
    .max(254, { error: "Adresse électronique de l’expert : 254 caractères au maximum." })
    .pipe(z.email({ error: "Adresse électronique de l’expert : format attendu nom@domaine.fr." })),
  name: text("Nom de l’expert", 2, 200),
  message: text("Ce que vous demandez à l’expert", 10, 2000),
  question: optionalText("Question fermée (oui ou non)", 5, 300),
  dueDate: parisDay,
  confidential: z.boolean({ error: "Confidentialité : choisissez oui ou non." }).default(false),
});
export type OpinionRequestInput = z.infer<typeof opinionRequestInput>;

export const opinionAnswerInput = form({
  opinionId: z.uuid({ error: "Demande d’avis inconnue." }),
  opinion: text("Votre avis", 10, 8000),
  answer: z.enum(["oui", "non"], { error: "Réponse à la question : choisissez oui ou non." }).optional(),
});
export type OpinionAnswerInput = z.infer<typeof opinionAnswerInput>;
