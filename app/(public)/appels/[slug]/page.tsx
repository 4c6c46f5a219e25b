import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getCallFunnel, getPublicCall } from "@/lib/calls/call.queries";
import { CallPage } from "@/lib/calls/ui/call-page";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100) });

type Props = { params: Promise<{ slug: string }> };

async function load(props: Props) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const call = await getPublicCall(parsed.data.slug);
  if (!call) notFound();
  return call;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const call = await load(props);
  return { title: call.title, description: call.summary };
}

export default async function CallRoute(props: Props) {
  const call = await load(props);
  // Figures are shown once the results are public (embargo before that).
  const funnel = call.phase === "RESULTS_PUBLISHED" || call.phase === "ARCHIVED" ? await getCallFunnel(call.id) : null;
  return <CallPage call={call} funnel={funnel} />;
}
