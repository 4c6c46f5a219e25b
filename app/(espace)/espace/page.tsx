import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listPublicCalls } from "@/lib/calls/call.queries";
import { SpaceHome } from "@/lib/auth/ui/space-home";
import { ApplicantShortcuts } from "@/lib/dossiers/ui/applicant-shortcuts";

export const metadata: Metadata = { title: "Mon espace" };

export default async function SpacePage() {
  const actor = await requireActor("/espace");
  return (
    <>
      <SpaceHome actor={actor} calls={await listPublicCalls()} />
      <ApplicantShortcuts actor={actor} />
    </>
  );
}
