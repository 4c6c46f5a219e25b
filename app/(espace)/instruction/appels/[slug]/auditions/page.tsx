import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getAuditionPlanning } from "@/lib/review/audition.queries";
import { AuditionPlanner } from "@/lib/review/ui/audition-planner";

export const metadata: Metadata = { title: "Planning des auditions" };

type Props = { params: Promise<{ slug: string }> };

export default async function AuditionsRoute({ params }: Props) {
  const { slug } = await params;
  const actor = await requireActor(`/instruction/appels/${encodeURIComponent(slug)}/auditions`);
  const planning = await getAuditionPlanning(actor, slug);
  // Not staff of this call, or no such call: the same 404, nothing revealed.
  if (!planning) notFound();
  return <AuditionPlanner planning={planning} />;
}
