import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isAdmin, isStaffOn, type Viewer } from "../actor";

type CallResource = { id: string; phase: CallPhase };

/**
 * Who runs a call. Administrators create, duplicate, open a call and choose
 * its team: those acts commit the programme publicly or grant rights. The
 * programme staff of a call (a STAFF grant on it, or a global one) run it
 * day to day: they edit its text, timeline, rules and questions and move it
 * through the later phases, as they already instruct its dossiers and
 * publish its results.
 */
export const callRules = {
  /** Anyone reads a call once it has left the draft phase; staff and admins read drafts. */
  "call.read": (viewer: Viewer, call: CallResource) => call.phase !== "DRAFT" || isStaffOn(viewer, call.id),
  /** The management space at all (the list of calls one runs): administrators and programme staff. */
  "call.console": (viewer: Viewer, _none: null) => isAdmin(viewer) || (!!viewer && viewer.grants.some((g) => g.role === "STAFF")),
  /** Every call, drafts included, in the management list; create, duplicate, team. */
  "call.manage": (viewer: Viewer, _call: CallResource | null) => isAdmin(viewer),
  /** The call's console and editor: settings, questions, preview. */
  "call.edit": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** A phase change: opening a draft is the administrators' act; the later moves are the staff's. */
  "call.transition": (viewer: Viewer, r: CallResource & { to: CallPhase }) =>
    r.phase === "DRAFT" && r.to === "OPEN" ? isAdmin(viewer) : isStaffOn(viewer, r.id),
};
