import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { getDossierForEdit } from "@/lib/dossiers/dossier.queries";
import { CorrectionNotice } from "@/lib/dossiers/ui/correction-notice";
import { DossierWizard } from "@/lib/dossiers/ui/dossier-wizard";

export const metadata: Metadata = { title: "Mon dossier" };
export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export default async function DossierRoute(props: { params: Promise<{ id: string }>; searchParams: Promise<{ etape?: string | string[] }> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/dossiers/${parsed.data.id}`);
  const dossier = await getDossierForEdit(actor, parsed.data.id);
  if (!dossier) notFound();
  if (dossier.status !== "DRAFT" && dossier.status !== "CORRECTION_REQUESTED") {
    redirect(dossier.reference ? `/espace/dossiers/${dossier.id}/accuse-de-reception` : "/espace/dossiers");
  }
  const step = (await props.searchParams).etape;
  return (
    <>
      <h1>{dossier.status === "CORRECTION_REQUESTED" ? "Corriger mon dossier" : "Mon dossier"}</h1>
      {dossier.correction ? <CorrectionNotice dossierId={dossier.id} correction={dossier.correction} /> : null}
      <DossierWizard
        dossierId={dossier.id}
        version={dossier.version}
        content={dossier.content}
        callTitle={dossier.call.title}
        call={{
          categories: dossier.call.categories,
          maxRequestedCents: dossier.call.maxRequestedCents,
          minRequestedCents: dossier.call.minRequestedCents,
          maxRateBps: dossier.call.maxRateBps,
          questions: dossier.call.questions,
        }}
        initialStep={typeof step === "string" ? step : null}
        attachments={dossier.attachments}
      />
    </>
  );
}
