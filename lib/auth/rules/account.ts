import type { Viewer } from "../actor";

export const accountRules = {
  /** Only the account holder ends their own sessions. */
  "account.revokeSessions": (viewer: Viewer, account: { userId: string }) => !!viewer && viewer.userId === account.userId,
};
