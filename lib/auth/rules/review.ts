import type { CallPhase } from "@/lib/generated/prisma/enums";
import { isAdmin, isStaffOn, type Viewer } from "../actor";

type CallResource = { id: string; phase: CallPhase };
/** A dossier as the review rules need it: the call it belongs to. */
type DossierOfCall = { callId: string };

const staffOfDossier = (viewer: Viewer, dossier: DossierOfCall) => isStaffOn(viewer, dossier.callId);

export const reviewRules = {
  /** The staff inbox of a call: its programme staff and administrators. */
  "review.inbox": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** Coarse gate of the review actions: staff of some call, or an administrator. Each mutation then checks the dossier's call. */
  "review.act": (viewer: Viewer, _resource: null) => isAdmin(viewer) || (!!viewer && viewer.grants.some((g) => g.role === "STAFF")),
  /** The staff view of a dossier: submitted content, history, private annotations. */
  "review.read": staffOfDossier,
  "review.annotate": staffOfDossier,
  "review.assign": staffOfDossier,
  "review.tag": staffOfDossier,
  "review.eligibility": staffOfDossier,
  /** A preselection decision: staff of the dossier's own call only (not jurors, not applicants). */
  "review.decide": staffOfDossier,
  /** Labels of a call and the release of its decisions. */
  "review.manageTags": (viewer: Viewer, call: { id: string }) => isStaffOn(viewer, call.id),
  "review.release": (viewer: Viewer, call: { id: string }) => isStaffOn(viewer, call.id),
  /** Who can be assigned a dossier: staff of its call (checked on the assignee). */
  "review.assignable": staffOfDossier,
  /** CSV and XLSX exports of the inbox: the same people as the inbox itself. */
  "review.export": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** Asking an outside expert's opinion on a dossier, and reading the opinions: staff of its call. */
  "review.opinion": staffOfDossier,
  /** The expert asked: that dossier only, through their own request (never another expert's request). */
  "opinion.give": (viewer: Viewer, opinion: { expertId: string }) => !!viewer && viewer.userId === opinion.expertId,
  /** Audition planning of a call (slots, assignments, convocations): its staff and administrators. */
  "review.auditions": (viewer: Viewer, call: CallResource) => isStaffOn(viewer, call.id),
  /** Saved views of a call's inbox: the people who see the inbox; a view itself is read and changed by its owner only (queries filter on the session's user). */
  "review.views": (viewer: Viewer, call: { id: string }) => isStaffOn(viewer, call.id),
  /** Statistics of a call (funnel, ministries, categories, budget): its staff and administrators, pending decisions included. */
  "review.statistics": (viewer: Viewer, call: { id: string }) => isStaffOn(viewer, call.id),
};
