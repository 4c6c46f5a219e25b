import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallConsole } from "@/lib/calls/manage.queries";
import { CallConsoleView } from "@/lib/calls/ui/call-console";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Gestion de l’appel", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ enregistre?: string | string[] }> };

export default async function CallConsoleRoute(props: Props) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}`);
  // Not staff of this call: the page does not exist for them.
  const call = await getCallConsole(actor, parsed.data.slug);
  if (!call) notFound();
  return <CallConsoleView call={call} saved={(await props.searchParams).enregistre === "1"} />;
}
