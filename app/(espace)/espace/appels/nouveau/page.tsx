import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { CallSettingsForm, EMPTY_SETTINGS } from "@/lib/calls/ui/call-settings-form";

export const metadata: Metadata = { title: "Créer un appel", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function NewCallRoute() {
  const actor = await requireActor("/espace/appels/nouveau");
  if (!can(actor, "call.manage", null)) notFound();
  return (
    <>
      <h1>Créer un appel</h1>
      <p>L’appel est créé en préparation : il n’est pas public tant qu’un administrateur ne l’a pas ouvert.</p>
      <CallSettingsForm mode="create" defaults={EMPTY_SETTINGS} />
    </>
  );
}
