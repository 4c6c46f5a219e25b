import { hasRoleOnCall, isStaffOn, type Viewer } from "../actor";

/** What the jury rules look at, loaded on the server (never from the form). */
type JuryResource = { callId: string; member: { userId: string; isChair: boolean } | null };

const isMember = (viewer: Viewer, r: JuryResource) =>
  !!viewer && !!r.member && r.member.userId === viewer.userId && hasRoleOnCall(viewer, "JURY", r.callId);

export const juryRules = {
  /** Declarations, scoring, own agenda: a juror of this call, with a jury membership. */
  "jury.participate": (viewer: Viewer, r: JuryResource) => isMember(viewer, r),
  /** Ranking, locks, decisions, minutes: the chair of this call's jury. */
  "jury.chair": (viewer: Viewer, r: JuryResource) => isMember(viewer, r) && r.member!.isChair,
  /** Scoring grid, conflicts (add, confirm, lock), feedback release: staff of the call. */
  "jury.manage": (viewer: Viewer, r: { callId: string }) => isStaffOn(viewer, r.callId),
  /** Ranking and exports: the chair or staff. */
  "jury.ranking": (viewer: Viewer, r: JuryResource) => isStaffOn(viewer, r.callId) || (isMember(viewer, r) && r.member!.isChair),
};
