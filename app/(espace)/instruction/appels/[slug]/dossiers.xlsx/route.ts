import { getViewer } from "@/lib/auth/session";
import { exportFileName } from "@/lib/review/export.format";
import { inboxExportBatches, openInboxExport } from "@/lib/review/export.queries";
import { xlsxStream } from "@/lib/review/export.stream";
import { searchParamsRecord } from "@/lib/review/inbox.schema";

export const dynamic = "force-dynamic";

/** The inbox's current filtered list as XLSX, streamed batch by batch: staff of the call only. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Vous devez vous connecter pour continuer.", { status: 401 });
  const { slug } = await params;
  const opened = await openInboxExport(viewer, slug, searchParamsRecord(new URL(request.url).searchParams), "xlsx");
  // Not staff of this call, or no such call: the same 404 as the inbox.
  if (!opened) return new Response("Page introuvable.", { status: 404 });
  return new Response(xlsxStream(inboxExportBatches(opened.call.id, opened.filters)), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${exportFileName(opened.call.slug, new Date(), "xlsx")}"`,
      "cache-control": "no-store",
    },
  });
}
