import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getCallFunnel, getPublicCall } from "@/lib/calls/call.queries";
import { CallPage } from "@/lib/calls/ui/call-page";
import { NOT_FOUND_METADATA } from "@/lib/server/metadata";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100) });

type Props = { params: Promise<{ slug: string }> };

/** The call, or null for an address with nothing to show (see NOT_FOUND_METADATA). */
async function load(props: Props) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) return null;
  return getPublicCall(parsed.data.slug);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const call = await load(props);
  if (!call) return NOT_FOUND_METADATA;
  return { title: call.title, description: call.summary };
}

export default async function CallRoute(props: Props) {
  const call = await load(props);
  if (!call) notFound();
  // Figures are shown once the results are public (embargo before that).
  const funnel = call.phase === "RESULTS_PUBLISHED" || call.phase === "ARCHIVED" ? await getCallFunnel(call.id) : null;
  return <CallPage call={call} funnel={funnel} />;
}
