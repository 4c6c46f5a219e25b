/**
 * Preselection rules, pure: when a decision may be taken, what releasing the
 * decisions of a call does, and what a correction's due date may be.
 */
import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";
import { parisLocalToInstant, TIME_ZONE } from "@/lib/time";
import type { PreselectionKind } from "./review.schema";

/** Phases in which staff preselect: a rolling window while open, a call once closed. */
export const DECISION_PHASES: readonly CallPhase[] = ["OPEN", "CLOSED", "PRESELECTION"];

/** Statuses a preselection decision applies to (reconsidering a released one included). */
export const DECIDABLE_STATUSES: readonly DossierStatus[] = ["SUBMITTED", "UNDER_REVIEW", "PRESELECTED", "NOT_PRESELECTED"];

export type DecisionRefusal = { code: "CONFLICT"; message: string } | null;

export function checkDecision(call: { phase: CallPhase; kind: "CALL" | "ROLLING" }, status: DossierStatus): DecisionRefusal {
  if (!DECISION_PHASES.includes(call.phase) || (call.phase === "OPEN" && call.kind !== "ROLLING")) {
    return { code: "CONFLICT", message: "La présélection n’est pas ouverte pour cet appel (phase actuelle incompatible)." };
  }
  if (!DECIDABLE_STATUSES.includes(status)) {
    return status === "CORRECTION_REQUESTED"
      ? { code: "CONFLICT", message: "Une correction est attendue de l’administration : décidez après son nouveau dépôt." }
      : { code: "CONFLICT", message: "Ce dossier ne peut pas recevoir de décision de présélection dans son état actuel." };
  }
  return null;
}

export type PendingDecision = { dossierId: string; decision: PreselectionKind; dossierStatus: DossierStatus };

/**
 * Which pending decisions a release publishes: those whose dossier can still
 * take them (a dossier reopened for correction in the meantime waits).
 */
export function releasePlan(pending: readonly PendingDecision[]): { release: PendingDecision[]; held: PendingDecision[] } {
  const release: PendingDecision[] = [];
  const held: PendingDecision[] = [];
  for (const p of pending) (DECIDABLE_STATUSES.includes(p.dossierStatus) ? release : held).push(p);
  return { release, held };
}

/** How many of the selected dossiers a bulk decision changes (same decision already taken: no change). */
export function countDecisionChanges(
  selected: readonly { dossierId: string; current: PreselectionKind | null }[],
  target: PreselectionKind,
): number {
  return selected.filter((s) => s.current !== target).length;
}

const dayFormatter = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Paris, « 2026-11-30 ». */
export const parisToday = (now: Date) => dayFormatter.format(now);

/**
 * A correction's due date: a day in Paris, after today and within six months;
 * the applicant has until 23:59 that day.
 */
export function correctionDueAt(day: string, now: Date): { ok: true; dueAt: Date } | { ok: false; message: string } {
  const today = parisToday(now);
  if (day <= today) return { ok: false, message: "Date limite : choisissez une date postérieure à aujourd’hui." };
  const dueAt = parisLocalToInstant(`${day}T23:59:59`);
  if (dueAt.getTime() - now.getTime() > 183 * 86_400_000) return { ok: false, message: "Date limite : six mois au maximum." };
  return { ok: true, dueAt };
}
