import "server-only";
import { getCallFunnel } from "@/lib/calls/call.queries";
import type { Funnel } from "@/lib/calls/funnel";
import { SUBMITTED_STATUSES } from "@/lib/calls/funnel";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { TIME_ZONE } from "@/lib/time";
import { RESULTS_PUBLIC_PHASES } from "./embargo";
import { buildScdlTable, type ScdlTable } from "./scdl";

/**
 * Every public read goes through `publishedCall`: the embargo lives here, in
 * the WHERE clause, not in the pages. Results are plain JSON-safe objects
 * (cents as numbers, instants as ISO strings) so Next's data cache can keep them.
 */
const publishedCall = (slug: string): Prisma.CallWhereInput => ({
  slug,
  phase: { in: [...RESULTS_PUBLIC_PHASES] },
  resultsPublishedAt: { not: null },
});

export type LaureateItem = {
  slug: string;
  title: string;
  summary: string;
  administration: string;
  ministry: string;
  grantedCents: number | null;
};

export type ResultsView = {
  call: {
    id: string;
    slug: string;
    title: string;
    summary: string;
    resultsPublishedAt: string | null;
    grantorName: string | null;
    juryComposition: string | null;
    nextSteps: string[];
  };
  funnel: Funnel;
  totalGrantedCents: number;
  criteria: { key: string; label: string; weight: number }[];
  categories: { key: string; label: string; laureates: LaureateItem[] }[];
};

/** Only these dossier fields are public once a dossier is laureate. */
const PUBLIC_LAUREATE_SELECT = {
  reference: true,
  title: true,
  summary: true,
  grantedCents: true,
  administration: { select: { name: true, ministry: { select: { name: true } } } },
} satisfies Prisma.DossierSelect;

type LaureateRow = Prisma.DossierGetPayload<{ select: typeof PUBLIC_LAUREATE_SELECT }>;

/** A laureate's stable public slug: its receipt number, lower-cased (LAU-2020-0007 → lau-2020-0007). */
export const laureateSlug = (reference: string) => reference.toLowerCase();

function toLaureateItem(d: LaureateRow): LaureateItem {
  return {
    slug: laureateSlug(d.reference!),
    title: d.title,
    summary: d.summary,
    administration: d.administration.name,
    ministry: d.administration.ministry.name,
    grantedCents: d.grantedCents === null ? null : Number(d.grantedCents),
  };
}

async function resultsWhere(where: Prisma.CallWhereInput): Promise<ResultsView | null> {
  const call = await db.call.findFirst({
    where,
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      resultsPublishedAt: true,
      grantorName: true,
      juryComposition: true,
      nextSteps: true,
      criteria: { orderBy: { position: "asc" }, select: { key: true, label: true, weight: true } },
      categories: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          label: true,
          dossiers: { where: { status: "LAUREATE", reference: { not: null } }, orderBy: { reference: "asc" }, select: PUBLIC_LAUREATE_SELECT },
        },
      },
    },
  });
  if (!call) return null;
  const funnel = await getCallFunnel(call.id);
  const categories = call.categories.map((c) => ({ key: c.key, label: c.label, laureates: c.dossiers.map(toLaureateItem) }));
  return {
    call: {
      id: call.id,
      slug: call.slug,
      title: call.title,
      summary: call.summary,
      resultsPublishedAt: call.resultsPublishedAt?.toISOString() ?? null,
      grantorName: call.grantorName,
      juryComposition: call.juryComposition,
      nextSteps: (call.nextSteps ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
    },
    funnel,
    totalGrantedCents: categories.flatMap((c) => c.laureates).reduce((sum, l) => sum + (l.grantedCents ?? 0), 0),
    criteria: call.criteria,
    categories,
  };
}

/** The public results of a call; null until they are published (embargo). */
export function loadPublishedResults(slug: string): Promise<ResultsView | null> {
  return resultsWhere(publishedCall(slug));
}

/** Staff's preview, whatever the phase: the caller has authorized `publication.preview`. */
export function loadResultsPreview(callId: string): Promise<ResultsView | null> {
  return resultsWhere({ id: callId });
}

export type LaureateView = LaureateItem & {
  category: string | null;
  call: { slug: string; title: string; resultsPublishedAt: string };
};

export async function loadPublishedLaureate(callSlug: string, slug: string): Promise<LaureateView | null> {
  const d = await db.dossier.findFirst({
    where: { call: publishedCall(callSlug), status: "LAUREATE", reference: { equals: slug, mode: "insensitive" } },
    select: {
      ...PUBLIC_LAUREATE_SELECT,
      category: { select: { label: true } },
      call: { select: { slug: true, title: true, resultsPublishedAt: true } },
    },
  });
  if (!d) return null;
  return {
    ...toLaureateItem(d),
    category: d.category?.label ?? null,
    call: { slug: d.call.slug, title: d.call.title, resultsPublishedAt: d.call.resultsPublishedAt!.toISOString() },
  };
}

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

export type OpenDataView = {
  call: { slug: string; title: string; summary: string; resultsPublishedAt: string };
  table: ScdlTable;
};

/** The SCDL rows of a published call's grants. */
export async function loadPublishedOpenData(slug: string): Promise<OpenDataView | null> {
  const call = await db.call.findFirst({
    where: publishedCall(slug),
    select: {
      slug: true,
      title: true,
      summary: true,
      resultsPublishedAt: true,
      grantorName: true,
      grantorSiret: true,
      dossiers: {
        where: { status: "LAUREATE", grantedCents: { not: null }, reference: { not: null } },
        orderBy: { reference: "asc" },
        select: { reference: true, title: true, grantedCents: true, decidedAt: true, administration: { select: { name: true, siret: true } } },
      },
    },
  });
  if (!call) return null;
  const publishedAt = call.resultsPublishedAt!;
  const table = buildScdlTable(
    { name: call.grantorName, siret: call.grantorSiret },
    call.dossiers.map((d) => ({
      reference: d.reference!,
      title: d.title,
      grantedCents: Number(d.grantedCents),
      decisionDate: parisDay.format(d.decidedAt ?? publishedAt),
      beneficiaryName: d.administration.name,
      beneficiarySiret: d.administration.siret,
    })),
  );
  return { call: { slug: call.slug, title: call.title, summary: call.summary, resultsPublishedAt: publishedAt.toISOString() }, table };
}

export type PublishedCallItem = {
  slug: string;
  title: string;
  summary: string;
  resultsPublishedAt: string;
  laureates: number;
  grantedCents: number;
};

/** Published results, newest first: the Atom feed and the open-data catalogue. */
export async function loadPublishedCalls(): Promise<PublishedCallItem[]> {
  const calls = await db.call.findMany({
    where: { phase: { in: [...RESULTS_PUBLIC_PHASES] }, resultsPublishedAt: { not: null } },
    orderBy: { resultsPublishedAt: "desc" },
    select: { id: true, slug: true, title: true, summary: true, resultsPublishedAt: true },
  });
  if (calls.length === 0) return [];
  const sums = await db.dossier.groupBy({
    by: ["callId"],
    where: { callId: { in: calls.map((c) => c.id) }, status: "LAUREATE" },
    _count: { _all: true },
    _sum: { grantedCents: true },
  });
  const byCall = new Map(sums.map((s) => [s.callId, s]));
  return calls.map((c) => ({
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    resultsPublishedAt: c.resultsPublishedAt!.toISOString(),
    laureates: byCall.get(c.id)?._count._all ?? 0,
    grantedCents: Number(byCall.get(c.id)?._sum.grantedCents ?? 0n),
  }));
}

export type StatisticsRow = { label: string; dossiers: number; laureates: number; grantedCents: number };
export type StatisticsView = { calls: number; byMinistry: StatisticsRow[]; byCategory: StatisticsRow[]; totals: Omit<StatisticsRow, "label"> };

/** Across the calls whose results are public only: unpublished decisions stay out. */
export async function loadPublicStatistics(): Promise<StatisticsView> {
  const phases = RESULTS_PUBLIC_PHASES as readonly CallPhase[];
  const submitted = [...SUBMITTED_STATUSES];
  const publicPhases = [...phases];
  const rows = await db.$queryRaw<{ kind: string; label: string; dossiers: number; laureates: number; granted: bigint | null }[]>`
    with published as (
      select d.status, d.granted_cents, m.name as ministry, coalesce(cc.label, 'Sans catégorie') as category
      from dossier d
      join call c on c.id = d.call_id
      join administration a on a.id = d.administration_id
      join ministry m on m.id = a.ministry_id
      left join call_category cc on cc.id = d.category_id
      where c.phase::text = any(${publicPhases}) and c.results_published_at is not null
        and d.status::text = any(${submitted})
    )
    select 'ministry' as kind, ministry as label, count(*)::int as dossiers,
           (count(*) filter (where status = 'LAUREATE'))::int as laureates,
           sum(granted_cents) filter (where status = 'LAUREATE') as granted
    from published group by ministry
    union all
    select 'category', category, count(*)::int,
           (count(*) filter (where status = 'LAUREATE'))::int,
           sum(granted_cents) filter (where status = 'LAUREATE')
    from published group by category`;
  const [count] = await db.$queryRaw<{ calls: number }[]>`
    select count(*)::int as calls from call where phase::text = any(${publicPhases}) and results_published_at is not null`;
  const toRow = (r: (typeof rows)[number]): StatisticsRow => ({ label: r.label, dossiers: r.dossiers, laureates: r.laureates, grantedCents: Number(r.granted ?? 0n) });
  const sort = (a: StatisticsRow, b: StatisticsRow) => b.grantedCents - a.grantedCents || b.dossiers - a.dossiers || a.label.localeCompare(b.label, "fr");
  const byMinistry = rows.filter((r) => r.kind === "ministry").map(toRow).sort(sort);
  const byCategory = rows.filter((r) => r.kind === "category").map(toRow).sort(sort);
  const totals = byMinistry.reduce((t, r) => ({ dossiers: t.dossiers + r.dossiers, laureates: t.laureates + r.laureates, grantedCents: t.grantedCents + r.grantedCents }), {
    dossiers: 0,
    laureates: 0,
    grantedCents: 0,
  });
  return { calls: count?.calls ?? 0, byMinistry, byCategory, totals };
}

export type CallForPublication = {
  id: string;
  slug: string;
  title: string;
  phase: CallPhase;
  deliberationLockedAt: Date | null;
  resultsPublishedAt: Date | null;
};

/** For staff's publication page (authorization by the caller, on the returned id). */
export function loadCallForPublication(slug: string): Promise<CallForPublication | null> {
  return db.call.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, phase: true, deliberationLockedAt: true, resultsPublishedAt: true },
  });
}

/** Whether a call's results are public (same embargo as loadPublishedResults), for the proxy's 404. */
export async function publishedResultsExist(slug: string): Promise<boolean> {
  return (await db.call.count({ where: publishedCall(slug) })) > 0;
}

/** Whether a laureate's page is public (same rule as loadPublishedLaureate), for the proxy's 404. */
export async function publishedLaureateExists(callSlug: string, slug: string): Promise<boolean> {
  return (await db.dossier.count({ where: { call: publishedCall(callSlug), status: "LAUREATE", reference: { equals: slug, mode: "insensitive" } } })) > 0;
}
