import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { listMyExportJobs } from "@/lib/review/export-job";
import { ExportJobsView } from "@/lib/review/ui/export-jobs";
import { isSlug } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Exports en arrière-plan" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExportJobsRoute({ params, searchParams }: Props) {
  const { slug } = await params;
  if (!isSlug(slug)) notFound();
  const actor = await requireActor(`/instruction/appels/${slug}/exports`);
  const data = await listMyExportJobs(actor, slug);
  // Not staff of this call, or no such call: the same 404.
  if (!data) notFound();
  const { refus } = await searchParams;
  return <ExportJobsView data={data} refused={refus === "file-pleine"} now={new Date()} />;
}
