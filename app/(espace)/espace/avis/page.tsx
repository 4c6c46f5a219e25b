import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listMyOpinionRequests } from "@/lib/review/opinion.queries";
import { MyOpinionRequests } from "@/lib/review/ui/opinion-pages";

export const metadata: Metadata = { title: "Mes demandes d’avis" };
export const dynamic = "force-dynamic";

export default async function MyOpinionRequestsRoute() {
  const actor = await requireActor("/espace/avis");
  return <MyOpinionRequests requests={await listMyOpinionRequests(actor)} now={new Date()} />;
}
