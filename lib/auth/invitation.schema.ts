import { isPlainText, z } from "@/lib/validation/zod";
import { signInSchema } from "./sign-in.schema";
import { tokenSchema } from "./email-link.schema";

export const INVITATION_KINDS = ["ADMINISTRATION", "STAFF", "JURY"] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

export const INVITATION_KIND_LABELS: Record<InvitationKind, string> = {
  ADMINISTRATION: "membre d’une administration candidate",
  STAFF: "équipe du programme",
  JURY: "membre du jury d’un appel",
};

/** Days an invitation stays valid. */
export const INVITATION_TTL_DAYS = 7;

const uuid = z.uuid("Choisissez un élément de la liste.");
const optionalUuid = z.preprocess((v) => (v === "" || v === null ? undefined : v), uuid.optional());

/** What an administrator fills in; the target required depends on the kind. */
export const invitationInput = z
  .object({
    email: signInSchema.shape.email,
    name: z.string().trim().min(2, "Saisissez le nom de la personne (2 caractères au moins).").max(120, "Le nom est trop long (120 caractères au plus).").refine(isPlainText, "Le nom contient des caractères non autorisés."),
    kind: z.enum(INVITATION_KINDS, "Choisissez le type d’invitation."),
    administrationId: optionalUuid,
    callId: optionalUuid,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "ADMINISTRATION" && !v.administrationId) ctx.addIssue({ code: "custom", path: ["administrationId"], message: "Choisissez l’administration." });
    if (v.kind === "JURY" && !v.callId) ctx.addIssue({ code: "custom", path: ["callId"], message: "Choisissez l’appel dont la personne rejoint le jury." });
  })
  .transform((v) => ({
    ...v,
    administrationId: v.kind === "ADMINISTRATION" ? v.administrationId! : null,
    callId: v.kind === "ADMINISTRATION" ? null : (v.callId ?? null),
  }));
export type InvitationInput = z.output<typeof invitationInput>;

export const revokeInput = z.object({ invitationId: uuid });
export const acceptInput = z.object({ token: tokenSchema });

/** One answer for an unknown, expired, revoked or already accepted invitation. */
export const INVITATION_INVALID = "Cette invitation n’est pas valide : elle a expiré, a été annulée ou a déjà été acceptée. Demandez-en une nouvelle à l’équipe Lauréat.";
