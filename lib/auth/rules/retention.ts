import { isAdmin, type Viewer } from "../actor";

export const retentionRules = {
  /**
   * Data retention of calls — the dry-run listing, the retention period and
   * the archive step — is the administrators' alone: it deletes personal data.
   */
  "retention.manage": (viewer: Viewer, _call: { id: string } | null) => isAdmin(viewer),
};
