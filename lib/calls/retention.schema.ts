import { z } from "@/lib/validation/zod";
import { RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS } from "./retention";

const months = `Indiquez un nombre entier de mois entre ${RETENTION_MIN_MONTHS} et ${RETENTION_MAX_MONTHS}.`;

export const retentionPeriodInput = z.object({
  callId: z.string().uuid({ message: "Appel inconnu." }),
  months: z.coerce.number({ message: months }).int({ message: months }).min(RETENTION_MIN_MONTHS, { message: months }).max(RETENTION_MAX_MONTHS, { message: months }),
  version: z.coerce.number().int().min(1, { message: "Version de l’appel manquante : rechargez la page." }),
});
export type RetentionPeriodInput = z.infer<typeof retentionPeriodInput>;

export const archiveInput = z.object({
  callId: z.string().uuid({ message: "Appel inconnu." }),
  digest: z.string().regex(/^[0-9a-f]{64}$/, { message: "Simulation manquante : rechargez la page et relisez la liste." }),
  forced: z.literal("on").optional(),
  confirm: z.literal("on", { message: "Cochez la case pour confirmer l’archivage : les suppressions sont définitives." }),
});
export type ArchiveInput = z.infer<typeof archiveInput>;
