import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isApplicant, isStaffOn, type Viewer } from "../actor";

/** What the rules need of a dossier, loaded on the server. */
type DossierResource = { administrationId: string; callId: string };

const ownAdministration = (viewer: Viewer, dossier: DossierResource) =>
  isApplicant(viewer) && viewer.administrationId === dossier.administrationId;

export const dossierRules = {
  /** An applicant starts a dossier for their own administration, on an open call. */
  "dossier.create": (viewer: Viewer, call: { id: string; phase: CallPhase }) => isApplicant(viewer) && call.phase === "OPEN",
  /** « Mes dossiers »: applicants only, scoped to their administration by the query. */
  "dossier.list": (viewer: Viewer, _resource: null) => isApplicant(viewer),
  /** Members of the administration, and the staff of the call. Jurors read through their own rules. */
  "dossier.read": (viewer: Viewer, dossier: DossierResource) => ownAdministration(viewer, dossier) || isStaffOn(viewer, dossier.callId),
  /** Only members of the administration write; status and deadline are checked by the mutation. */
  "dossier.edit": ownAdministration,
  "dossier.submit": ownAdministration,
  "dossier.withdraw": ownAdministration,
  /** Reopening a submitted dossier for correction is a staff decision. */
  "dossier.requestCorrection": (viewer: Viewer, dossier: DossierResource) => isStaffOn(viewer, dossier.callId),
};
