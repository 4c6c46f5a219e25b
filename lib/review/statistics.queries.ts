import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { AUDITIONED_STATUSES, PRESELECTED_STATUSES, SUBMITTED_STATUSES } from "@/lib/calls/funnel";
import { db } from "@/lib/server/db";
import { ELIGIBILITY_ITEMS } from "./eligibility";

/**
 * Statistics of one call for its staff: the selection funnel, dossiers by
 * ministry and by category, requested amounts against the call's envelope.
 * Aggregated in SQL (a handful of rows back whatever the number of dossiers),
 * always scoped to the one call the policy allowed.
 *
 * Staff see pending preselection decisions (they take them): the funnel
 * counts a dossier as preselected on its current decision, released or not,
 * and says how many are not released yet. This page is never shown to anyone
 * else (`review.statistics`).
 */

export type FunnelStage = "submitted" | "admissible" | "preselected" | "auditioned" | "laureates";
export type CallFunnelFigures = Record<FunnelStage, number> & { preselectedPending: number };
export type BreakdownRow = { label: string; dossiers: number; preselected: number; requestedCents: number };
export type BudgetFigures = { envelopeCents: number; requestedCents: number; preselectedRequestedCents: number; grantedCents: number };

export type CallStatistics = {
  call: { id: string; slug: string; title: string };
  funnel: CallFunnelFigures;
  byMinistry: BreakdownRow[];
  byCategory: BreakdownRow[];
  budget: BudgetFigures;
};

/** Items staff tick (the portal cannot compute them): all ticked « met » makes a dossier admissible, with a State administration. */
const TICKED_ITEMS = ELIGIBILITY_ITEMS.filter((i) => !i.computed).map((i) => i.key);

export async function getCallStatistics(actor: Actor, slug: string): Promise<CallStatistics | null> {
  const call = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, budgetEnvelopeCents: true } });
  if (!call || !can(actor, "review.statistics", call)) return null;
  const submitted = [...SUBMITTED_STATUSES];
  const auditioned = [...AUDITIONED_STATUSES];
  const preselectedStatuses = [...PRESELECTED_STATUSES];
  const ticked = [...TICKED_ITEMS];

  // One pass over the call's submitted dossiers: each row carries its stage
  // flags, then grouped three ways (totals, ministry, category).
  const rows = await db.$queryRaw<
    {
      kind: "total" | "ministry" | "category";
      label: string;
      dossiers: number;
      admissible: number;
      preselected: number;
      preselected_pending: number;
      auditioned: number;
      laureates: number;
      requested: bigint;
      preselected_requested: bigint;
      granted: bigint;
    }[]
  >`
    with d as (
      select d.status, d.requested_cents, d.granted_cents,
             m.name as ministry,
             coalesce(cc.label, 'Sans catégorie') as category,
             (a.kind <> 'LOCAL_AUTHORITY'
               and not exists (select 1 from eligibility_tick t where t.dossier_id = d.id and not t.met)
               and (select count(*) from eligibility_tick t where t.dossier_id = d.id and t.met and t.item_key = any(${ticked}::text[])) = cardinality(${ticked}::text[])
             ) as admissible,
             (d.status::text = any(${auditioned}::text[])
               or (pd.decision is not null and pd.decision = 'PRESELECTED')
               or (pd.decision is null and d.status::text = any(${preselectedStatuses}::text[]))
             ) as preselected,
             (not d.status::text = any(${auditioned}::text[]) and pd.decision = 'PRESELECTED' and pd.released_at is null) as preselected_pending
      from dossier d
      join administration a on a.id = d.administration_id
      join ministry m on m.id = a.ministry_id
      left join call_category cc on cc.id = d.category_id
      left join preselection_decision pd on pd.dossier_id = d.id
      where d.call_id = ${call.id}::uuid and d.status::text = any(${submitted}::text[])
    )
    select case when grouping(ministry) = 0 then 'ministry' when grouping(category) = 0 then 'category' else 'total' end as kind,
           coalesce(ministry, category, '') as label,
           count(*)::int as dossiers,
           (count(*) filter (where admissible))::int as admissible,
           (count(*) filter (where preselected))::int as preselected,
           (count(*) filter (where preselected_pending))::int as preselected_pending,
           (count(*) filter (where status::text = any(${auditioned}::text[])))::int as auditioned,
           (count(*) filter (where status = 'LAUREATE'))::int as laureates,
           coalesce(sum(requested_cents), 0)::bigint as requested,
           coalesce(sum(requested_cents) filter (where preselected), 0)::bigint as preselected_requested,
           coalesce(sum(granted_cents) filter (where status = 'LAUREATE'), 0)::bigint as granted
    from d
    group by grouping sets ((), (ministry), (category))`;

  const total = rows.find((r) => r.kind === "total");
  const breakdown = (kind: "ministry" | "category") =>
    rows
      .filter((r) => r.kind === kind)
      .map((r): BreakdownRow => ({ label: r.label, dossiers: r.dossiers, preselected: r.preselected, requestedCents: Number(r.requested) }))
      // Largest first; ties by name, so that the order never depends on the plan.
      .sort((a, b) => b.dossiers - a.dossiers || a.label.localeCompare(b.label, "fr"));
  return {
    call: { id: call.id, slug: call.slug, title: call.title },
    funnel: {
      submitted: total?.dossiers ?? 0,
      admissible: total?.admissible ?? 0,
      preselected: total?.preselected ?? 0,
      preselectedPending: total?.preselected_pending ?? 0,
      auditioned: total?.auditioned ?? 0,
      laureates: total?.laureates ?? 0,
    },
    byMinistry: breakdown("ministry"),
    byCategory: breakdown("category"),
    budget: {
      envelopeCents: Number(call.budgetEnvelopeCents),
      requestedCents: Number(total?.requested ?? 0n),
      preselectedRequestedCents: Number(total?.preselected_requested ?? 0n),
      grantedCents: Number(total?.granted ?? 0n),
    },
  };
}
