import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";

/**
 * The results embargo, for every view that is not staff's: until the call's
 * results are published, a decided dossier (LAUREATE / NOT_RETAINED) is shown
 * as still under deliberation and its granted amount is hidden.
 */
export const RESULTS_PUBLIC_PHASES: readonly CallPhase[] = ["RESULTS_PUBLISHED", "ARCHIVED"];

export function areResultsPublic(call: { phase: CallPhase; resultsPublishedAt: Date | string | null }): boolean {
  return RESULTS_PUBLIC_PHASES.includes(call.phase) && call.resultsPublishedAt !== null;
}

export type ApplicantVisibleDecision<T extends { status: DossierStatus; grantedCents: bigint | number | null }> = Omit<T, "status"> & {
  status: DossierStatus | "DELIBERATION";
};

/** What an applicant may see of their dossier's decision. */
export function embargoDecision<T extends { status: DossierStatus; grantedCents: bigint | number | null }>(
  call: { phase: CallPhase; resultsPublishedAt: Date | string | null },
  dossier: T,
): ApplicantVisibleDecision<T> {
  if (areResultsPublic(call) || (dossier.status !== "LAUREATE" && dossier.status !== "NOT_RETAINED")) return dossier;
  return { ...dossier, status: "DELIBERATION", grantedCents: null };
}
