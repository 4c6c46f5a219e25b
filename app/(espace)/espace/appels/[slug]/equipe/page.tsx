import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallTeam } from "@/lib/calls/manage.queries";
import { TeamView } from "@/lib/calls/ui/team-view";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Équipe et jury de l’appel", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function CallTeamRoute(props: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/equipe`);
  const team = await getCallTeam(actor, parsed.data.slug);
  if (!team) notFound();
  return <TeamView team={team} />;
}
