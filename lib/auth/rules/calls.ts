import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isAdmin, isStaffOn, type Viewer } from "../actor";

type CallResource = { id: string; phase: CallPhase };

export const callRules = {
  /** Anyone reads a call once it has left the draft phase; staff and admins read drafts. */
  "call.read": (viewer: Viewer, call: CallResource) => call.phase !== "DRAFT" || isStaffOn(viewer, call.id),
  "call.manage": (viewer: Viewer, _call: CallResource | null) => isAdmin(viewer),
};
