import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getOpinionForExpert } from "@/lib/review/opinion.queries";
import { ExpertOpinionPage } from "@/lib/review/ui/opinion-pages";
import { isUuid } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Demande d’avis" };
export const dynamic = "force-dynamic";

export default async function ExpertOpinionRoute(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  if (!isUuid(id)) notFound();
  const actor = await requireActor(`/espace/avis/${id}`);
  // Someone else's request, or none: the same 404.
  const view = await getOpinionForExpert(actor, id);
  if (!view) notFound();
  return <ExpertOpinionPage view={view} now={new Date()} />;
}
