import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { isApplicant, isStaffOn, type Viewer } from "../actor";

/** What the attachment rules look at: the dossier the file belongs to, loaded on the server. */
type AttachmentDossier = { administrationId: string; callId: string; status: DossierStatus };

const ownAdministration = (viewer: Viewer, dossier: AttachmentDossier) => isApplicant(viewer) && viewer.administrationId === dossier.administrationId;

export const fileRules = {
  /** Members of the administration add and remove files; status and deadline are checked by the mutation. */
  "attachment.upload": ownAdministration,
  "attachment.remove": ownAdministration,
  /**
   * Members of the administration, and the staff of the call once the dossier
   * has been submitted (staff never see drafts). Jurors have no rule yet:
   * denied by default (decision 012).
   */
  "attachment.download": (viewer: Viewer, dossier: AttachmentDossier) =>
    ownAdministration(viewer, dossier) || (dossier.status !== "DRAFT" && isStaffOn(viewer, dossier.callId)),
};
