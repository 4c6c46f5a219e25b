import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { loadRetentionView } from "@/lib/calls/retention.queries";
import { RetentionPage } from "@/lib/calls/ui/retention-page";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Conservation des données", robots: { index: false } };

type Props = { params: Promise<{ slug: string }> };

export default async function ConservationRoute(props: Props) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/conservation`);
  // Administrators only: for anyone else the page does not exist.
  const view = await loadRetentionView(actor, parsed.data.slug);
  if (!view) notFound();
  return <RetentionPage view={view} />;
}
