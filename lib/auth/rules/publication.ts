import { isStaffOn, type Viewer } from "../actor";

type CallRef = { id: string };

export const publicationRules = {
  /** The results before publication: staff of the call and admins only. */
  "publication.preview": (viewer: Viewer, call: CallRef) => isStaffOn(viewer, call.id),
  /** Publishing is staff's deliberate act (the jury locks, staff publish). */
  "publication.publish": (viewer: Viewer, call: CallRef) => isStaffOn(viewer, call.id),
};
