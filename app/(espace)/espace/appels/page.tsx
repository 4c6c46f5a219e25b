import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { listManagedCalls } from "@/lib/calls/manage.queries";
import { ManagedCallList } from "@/lib/calls/ui/call-console";

export const metadata: Metadata = { title: "Gestion des appels", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ManagedCallsRoute() {
  const actor = await requireActor("/espace/appels");
  if (!can(actor, "call.console", null)) notFound();
  return <ManagedCallList calls={await listManagedCalls(actor)} canCreate={can(actor, "call.manage", null)} />;
}
