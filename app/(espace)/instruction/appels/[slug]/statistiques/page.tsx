import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallStatistics } from "@/lib/review/statistics.queries";
import { CallStatisticsView } from "@/lib/review/ui/call-statistics";

export const metadata: Metadata = { title: "Statistiques de l’appel" };

type Props = { params: Promise<{ slug: string }> };

export default async function CallStatisticsRoute({ params }: Props) {
  const { slug } = await params;
  const actor = await requireActor(`/instruction/appels/${encodeURIComponent(slug)}/statistiques`);
  const stats = await getCallStatistics(actor, slug);
  // Not staff of this call, or no such call: the same 404, nothing revealed.
  if (!stats) notFound();
  return <CallStatisticsView stats={stats} />;
}
