import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallPreview } from "@/lib/calls/manage.queries";
import { CallPreview } from "@/lib/calls/ui/call-preview";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Aperçu de l’appel", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function CallPreviewRoute(props: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/apercu`);
  const call = await getCallPreview(actor, parsed.data.slug);
  if (!call) notFound();
  return <CallPreview call={call} />;
}
