import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { getAcknowledgement } from "@/lib/dossiers/dossier.queries";
import { AcknowledgementPage } from "@/lib/dossiers/ui/acknowledgement";

export const metadata: Metadata = { title: "Accusé de réception" };
export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export default async function AcknowledgementRoute(props: { params: Promise<{ id: string }> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/dossiers/${parsed.data.id}/accuse-de-reception`);
  const ack = await getAcknowledgement(actor, parsed.data.id);
  if (!ack) notFound();
  return <AcknowledgementPage ack={ack} />;
}
