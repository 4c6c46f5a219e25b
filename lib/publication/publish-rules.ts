import type { CallPhase } from "@/lib/generated/prisma/enums";

export type PublishableCall = { phase: CallPhase; deliberationLockedAt: Date | null; resultsPublishedAt: Date | null };

/** Why a call cannot be published now (French, shown to staff), or null when it can. */
export function publicationBlocker(call: PublishableCall): string | null {
  if (call.resultsPublishedAt !== null || call.phase === "RESULTS_PUBLISHED" || call.phase === "ARCHIVED") {
    return "Les résultats de cet appel sont déjà publiés : une publication ne se fait qu’une fois.";
  }
  if (call.phase !== "DELIBERATION") {
    return "L’appel n’est pas en délibération : les résultats ne peuvent être publiés qu’à l’issue de la délibération du jury.";
  }
  if (call.deliberationLockedAt === null) {
    return "La délibération n’est pas verrouillée : le président du jury doit la verrouiller avant la publication.";
  }
  return null;
}
