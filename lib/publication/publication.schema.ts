import { z } from "@/lib/validation/zod";

export const publishInput = z.object({
  callId: z.string().uuid({ message: "Appel inconnu." }),
  confirm: z.literal("on", { message: "Cochez la case pour confirmer la publication des résultats." }),
});
export type PublishInput = z.infer<typeof publishInput>;
