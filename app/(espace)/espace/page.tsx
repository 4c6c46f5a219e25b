import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listPublicCalls } from "@/lib/calls/call.queries";
import { SpaceHome } from "@/lib/auth/ui/space-home";
import { ApplicantShortcuts } from "@/lib/dossiers/ui/applicant-shortcuts";
import { listMyOpinionRequests } from "@/lib/review/opinion.queries";
import { ExpertShortcut } from "@/lib/review/ui/opinion-pages";

export const metadata: Metadata = { title: "Mon espace" };

export default async function SpacePage() {
  const actor = await requireActor("/espace");
  return (
    <>
      <SpaceHome actor={actor} calls={await listPublicCalls()} />
      <ApplicantShortcuts actor={actor} />
      <ExpertShortcut requests={await listMyOpinionRequests(actor)} />
    </>
  );
}
