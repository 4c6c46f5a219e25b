import type { DossierStatus } from "@/lib/generated/prisma/enums";

/** Where each status stands in the selection funnel. */
export const SUBMITTED_STATUSES = [
  "SUBMITTED",
  "UNDER_REVIEW",
  "CORRECTION_REQUESTED",
  "PRESELECTED",
  "NOT_PRESELECTED",
  "AUDITIONED",
  "LAUREATE",
  "NOT_RETAINED",
] as const satisfies readonly DossierStatus[];
export const PRESELECTED_STATUSES = ["PRESELECTED", "AUDITIONED", "LAUREATE", "NOT_RETAINED"] as const satisfies readonly DossierStatus[];
export const AUDITIONED_STATUSES = ["AUDITIONED", "LAUREATE", "NOT_RETAINED"] as const satisfies readonly DossierStatus[];
const SUBMITTED: ReadonlySet<DossierStatus> = new Set(SUBMITTED_STATUSES);
const PRESELECTED: ReadonlySet<DossierStatus> = new Set(PRESELECTED_STATUSES);
const AUDITIONED: ReadonlySet<DossierStatus> = new Set(AUDITIONED_STATUSES);

export type FunnelRow = { status: DossierStatus; administrationId: string; ministryId: string };

export type Funnel = {
  submitted: number;
  administrations: number;
  ministries: number;
  preselected: number;
  auditioned: number;
  laureates: number;
};

/** Drafts and withdrawn dossiers are not counted as submitted. */
export function computeFunnel(rows: readonly FunnelRow[]): Funnel {
  const submitted = rows.filter((r) => SUBMITTED.has(r.status));
  return {
    submitted: submitted.length,
    administrations: new Set(submitted.map((r) => r.administrationId)).size,
    ministries: new Set(submitted.map((r) => r.ministryId)).size,
    preselected: submitted.filter((r) => PRESELECTED.has(r.status)).length,
    auditioned: submitted.filter((r) => AUDITIONED.has(r.status)).length,
    laureates: submitted.filter((r) => r.status === "LAUREATE").length,
  };
}
