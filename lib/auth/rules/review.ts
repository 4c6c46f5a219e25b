import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isStaffOn, type Viewer } from "../actor";

type CallResource = { id: string; phase: CallPhase };

export const reviewRules = {
  /** The staff inbox of a call: its programme staff and administrators. */
  "review.inbox": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** CSV and XLSX exports of the inbox: the same people as the inbox itself. */
  "review.export": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** Audition planning of a call (slots, assignments, convocations): its staff and administrators. */
  "review.auditions": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
};
