import { z } from "@/lib/validation/zod";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Saisissez votre adresse électronique.")
    .max(254, "L’adresse électronique est trop longue.")
    .pipe(z.email("Saisissez une adresse électronique valide, par exemple prenom.nom@example.gouv.fr.")),
  password: z.string().min(1, "Saisissez votre mot de passe.").max(200, "Le mot de passe est trop long."),
  callbackUrl: z.string().max(500).optional(),
});

/** Only local paths: never an open redirect. */
export function safeCallbackPath(value: string | undefined | null): string {
  return value && /^\/(?!\/)[\w\-./?=&%#]*$/.test(value) ? value : "/espace";
}
