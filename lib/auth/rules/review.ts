import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isStaffOn, type Viewer } from "../actor";

type CallResource = { id: string; phase: CallPhase };

export const reviewRules = {
  /** The staff inbox of a call: its programme staff and administrators. */
  "review.inbox": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
};
