import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { isApplicant } from "@/lib/auth/actor";
import { listMyDossiers } from "@/lib/dossiers/dossier.queries";
import { MyDossiers } from "@/lib/dossiers/ui/my-dossiers";

export const metadata: Metadata = { title: "Mes dossiers" };
export const dynamic = "force-dynamic";

export default async function MyDossiersRoute() {
  const actor = await requireActor("/espace/dossiers");
  if (!isApplicant(actor)) redirect("/espace");
  return <MyDossiers dossiers={await listMyDossiers(actor)} />;
}
