import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadInvitationConsole } from "@/lib/auth/invitation.queries";
import { requireActor } from "@/lib/auth/session";
import { InvitationConsole } from "@/lib/auth/ui/invitation-console";

export const metadata: Metadata = { title: "Invitations", robots: { index: false } };

export default async function InvitationsRoute() {
  const actor = await requireActor("/espace/invitations");
  const data = await loadInvitationConsole(actor);
  // Not an administrator: the page does not exist for them.
  if (!data) notFound();
  return <InvitationConsole console={data} />;
}
