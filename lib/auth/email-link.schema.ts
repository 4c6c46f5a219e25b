import { z } from "@/lib/validation/zod";
import { PASSWORD_MAX_LENGTH } from "./password-policy";
import { signInSchema } from "./sign-in.schema";

export const emailLinkRequestSchema = z.object({ email: signInSchema.shape.email });

/** A token from an e-mail link: base64url, 43 characters for 32 bytes. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Ce lien n’est pas valide.");

export const magicLinkSchema = z.object({ token: tokenSchema, callbackUrl: z.string().max(500).optional() });

export const passwordResetSchema = z
  .object({
    token: tokenSchema,
    password: z.string().min(1, "Saisissez un nouveau mot de passe.").max(PASSWORD_MAX_LENGTH, "Le mot de passe est trop long."),
    confirmation: z.string().min(1, "Saisissez à nouveau le mot de passe."),
  })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "Les deux mots de passe ne sont pas identiques." });

/** One answer whether or not the account exists. */
export const LINK_SENT =
  "Si un compte correspond à cette adresse, un courriel contenant un lien vient de lui être envoyé. Le lien ne fonctionne qu’une fois et expire rapidement.";
/** One answer for an unknown, expired or already used link. */
export const LINK_INVALID = "Ce lien n’est pas valide ou a expiré. Demandez un nouveau lien.";
