import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { callParams } from "@/lib/publication/params";
import { loadCallForPublication, loadResultsPreview } from "@/lib/publication/publication.queries";
import { publicationBlocker } from "@/lib/publication/publish-rules";
import { PublicationConsole } from "@/lib/publication/ui/publication-console";

export const metadata: Metadata = { title: "Publication des résultats", robots: { index: false } };

type Props = { params: Promise<{ slug: string }> };

export default async function PublicationRoute(props: Props) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/publication`);
  const call = await loadCallForPublication(parsed.data.slug);
  // Not staff of this call: the page does not exist for them.
  if (!call || !can(actor, "publication.preview", call)) notFound();
  const preview = await loadResultsPreview(call.id);
  return <PublicationConsole call={call} blocker={publicationBlocker(call)} preview={preview!} />;
}
