import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallConsole } from "@/lib/calls/manage.queries";
import { CallSettingsForm } from "@/lib/calls/ui/call-settings-form";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Modifier l’appel", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function EditCallRoute(props: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/modifier`);
  const call = await getCallConsole(actor, parsed.data.slug);
  if (!call) notFound();
  return (
    <>
      <h1>Modifier l’appel</h1>
      <p>{call.title}</p>
      <CallSettingsForm mode="edit" callId={call.id} version={call.version} defaults={call.settings} />
    </>
  );
}
