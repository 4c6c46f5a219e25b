import "server-only";
import type { AdministrationKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { AUDITIONED_STATUSES, PRESELECTED_STATUSES, SUBMITTED_STATUSES, type Funnel } from "./funnel";

/** Everything here is public: calls past the draft phase. */
const PUBLIC_PHASES = ["OPEN", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "RESULTS_PUBLISHED", "ARCHIVED"] as const;

export type CallListItem = {
  slug: string;
  title: string;
  summary: string;
  kind: "CALL" | "ROLLING";
  phase: (typeof PUBLIC_PHASES)[number] | "DRAFT";
  opensAt: Date;
  closesAt: Date | null;
};

export async function listPublicCalls(): Promise<(CallListItem & { id: string })[]> {
  return db.call.findMany({
    where: { phase: { in: [...PUBLIC_PHASES] } },
    orderBy: [{ opensAt: "desc" }],
    select: { id: true, slug: true, title: true, summary: true, kind: true, phase: true, opensAt: true, closesAt: true },
  });
}

export type PublicCall = CallListItem & {
  id: string;
  description: string;
  themes: string[];
  budgetEnvelopeCents: bigint;
  maxRequestedCents: bigint | null;
  minRequestedCents: bigint | null;
  maxRateBps: number | null;
  eligibleKinds: AdministrationKind[];
  preselectionAt: Date | null;
  auditionDays: string[];
  resultsExpectedAt: Date | null;
  resultsPublishedAt: Date | null;
  categories: { key: string; label: string }[];
  criteria: { key: string; label: string; weight: number }[];
};

/** What the public page of a call shows (also its preview before opening). */
export const PUBLIC_CALL_SELECT = {
    id: true,
    slug: true,
    title: true,
    summary: true,
    description: true,
    kind: true,
    phase: true,
    themes: true,
    opensAt: true,
    closesAt: true,
    resultsPublishedAt: true,
    budgetEnvelopeCents: true,
    maxRequestedCents: true,
    minRequestedCents: true,
    maxRateBps: true,
    eligibleKinds: true,
    preselectionAt: true,
    auditionDays: true,
    resultsExpectedAt: true,
    categories: { orderBy: { position: "asc" }, select: { key: true, label: true } },
    criteria: { orderBy: { position: "asc" }, select: { key: true, label: true, weight: true } },
} as const satisfies Prisma.CallSelect;

export async function getPublicCall(slug: string): Promise<PublicCall | null> {
  return db.call.findFirst({ where: { slug, phase: { in: [...PUBLIC_PHASES] } }, select: PUBLIC_CALL_SELECT });
}

/**
 * Funnel figures of a call, aggregated in SQL (one row back, whatever the
 * number of dossiers), with the same status sets as `computeFunnel`.
 */
export async function getCallFunnel(callId: string): Promise<Funnel> {
  const submitted = [...SUBMITTED_STATUSES];
  const preselected = [...PRESELECTED_STATUSES];
  const auditioned = [...AUDITIONED_STATUSES];
  const [row] = await db.$queryRaw<Funnel[]>`
    select count(*)::int as submitted,
           count(distinct d.administration_id)::int as administrations,
           count(distinct a.ministry_id)::int as ministries,
           (count(*) filter (where d.status::text = any(${preselected})))::int as preselected,
           (count(*) filter (where d.status::text = any(${auditioned})))::int as auditioned,
           (count(*) filter (where d.status = 'LAUREATE'))::int as laureates
    from dossier d join administration a on a.id = d.administration_id
    where d.call_id = ${callId}::uuid and d.status::text = any(${submitted})`;
  return row!;
}

/** Whether `/appels/<slug>` has a call to show (same rule as getPublicCall), for the proxy's 404. */
export async function publicCallExists(slug: string): Promise<boolean> {
  return (await db.call.count({ where: { slug, phase: { in: [...PUBLIC_PHASES] } } })) > 0;
}
