import { isAdmin, type Viewer } from "../actor";

export const accountRules = {
  /** Only the account holder ends their own sessions. */
  "account.revokeSessions": (viewer: Viewer, account: { userId: string }) => !!viewer && viewer.userId === account.userId,
  /** Administrators invite people (to an administration, the staff, a jury) and see the invitations. */
  "invitation.manage": (viewer: Viewer, _none: null) => isAdmin(viewer),
};
