import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { listOpinionsForStaff } from "@/lib/review/opinion.queries";
import { getStaffDossier } from "@/lib/review/review.queries";
import { StaffDossierView } from "@/lib/review/ui/dossier-view";

export const metadata: Metadata = { title: "Instruction d’un dossier" };
export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100), id: z.uuid() });

export default async function StaffDossierRoute(props: { params: Promise<{ slug: string; id: string }> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const { slug, id } = parsed.data;
  const actor = await requireActor(`/instruction/appels/${slug}/dossiers/${id}`);
  const dossier = await getStaffDossier(actor, slug, id);
  // Not staff of this call, a draft, another call's dossier: the same 404.
  if (!dossier) notFound();
  const opinions = (await listOpinionsForStaff(actor, dossier.id)) ?? [];
  return <StaffDossierView dossier={dossier} opinions={opinions} now={new Date()} />;
}
