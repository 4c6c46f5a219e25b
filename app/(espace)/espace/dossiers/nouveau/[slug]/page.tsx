import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { submissionWindow } from "@/lib/dossiers/deadline";
import { getCallForApplication } from "@/lib/dossiers/dossier.queries";
import { NewDossierForm } from "@/lib/dossiers/ui/new-dossier-form";

export const metadata: Metadata = { title: "Déposer un dossier" };
export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100) });

export default async function NewDossierRoute(props: { params: Promise<{ slug: string }> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/dossiers/nouveau/${parsed.data.slug}`);
  const call = await getCallForApplication(parsed.data.slug);
  if (!call) notFound();
  const window = submissionWindow(call, new Date());
  const allowed = can(actor, "dossier.create", call);
  return (
    <NewDossierForm
      callSlug={call.slug}
      callTitle={call.title}
      open={window.open && allowed}
      closedMessage={!allowed ? "Seuls les agents d’une administration candidate peuvent déposer un dossier." : window.open ? null : window.message}
    />
  );
}
