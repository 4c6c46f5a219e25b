import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";

export const CALL_PHASE_LABEL: Record<CallPhase, string> = {
  DRAFT: "En préparation",
  OPEN: "Ouvert aux dépôts",
  CLOSED: "Dépôts clos",
  PRESELECTION: "Présélection en cours",
  AUDITIONS: "Auditions en cours",
  DELIBERATION: "Délibération du jury",
  RESULTS_PUBLISHED: "Résultats publiés",
  ARCHIVED: "Archivé",
};

export const DOSSIER_STATUS_LABEL: Record<DossierStatus, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposé",
  UNDER_REVIEW: "En instruction",
  CORRECTION_REQUESTED: "Correction demandée",
  PRESELECTED: "Présélectionné",
  NOT_PRESELECTED: "Non présélectionné",
  AUDITIONED: "Auditionné",
  LAUREATE: "Lauréat",
  NOT_RETAINED: "Non retenu",
  WITHDRAWN: "Retiré",
};
