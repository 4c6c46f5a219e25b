import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getInbox } from "@/lib/review/inbox.queries";
import { parseInboxParams } from "@/lib/review/inbox.schema";
import { InboxView } from "@/lib/review/ui/inbox-view";

export const metadata: Metadata = { title: "Dossiers à instruire" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxRoute({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requireActor(`/instruction/appels/${encodeURIComponent(slug)}`);
  const { filters, ignored } = parseInboxParams(await searchParams);
  const page = await getInbox(actor, slug, filters);
  // Not staff of this call, or no such call: the same 404, nothing revealed.
  if (!page) notFound();
  return <InboxView page={page} filters={filters} ignored={ignored} />;
}
