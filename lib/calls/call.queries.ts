import "server-only";
import { db } from "@/lib/server/db";
import { computeFunnel, type Funnel } from "./funnel";

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

export async function listPublicCalls(): Promise<CallListItem[]> {
  return db.call.findMany({
    where: { phase: { in: [...PUBLIC_PHASES] } },
    orderBy: [{ opensAt: "desc" }],
    select: { slug: true, title: true, summary: true, kind: true, phase: true, opensAt: true, closesAt: true },
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
  resultsPublishedAt: Date | null;
  categories: { key: string; label: string }[];
  criteria: { key: string; label: string; weight: number }[];
};

export async function getPublicCall(slug: string): Promise<PublicCall | null> {
  return db.call.findFirst({
    where: { slug, phase: { in: [...PUBLIC_PHASES] } },
    select: {
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
      categories: { orderBy: { position: "asc" }, select: { key: true, label: true } },
      criteria: { orderBy: { position: "asc" }, select: { key: true, label: true, weight: true } },
    },
  });
}

/** Funnel figures of a call, computed from its dossiers. */
export async function getCallFunnel(callId: string): Promise<Funnel> {
  const rows = await db.dossier.findMany({
    where: { callId },
    select: { status: true, administrationId: true, administration: { select: { ministryId: true } } },
  });
  return computeFunnel(rows.map((r) => ({ status: r.status, administrationId: r.administrationId, ministryId: r.administration.ministryId })));
}
