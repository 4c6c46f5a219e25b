import { Readable } from "node:stream";
import { getViewer } from "@/lib/auth/session";
import { openExportJobFile } from "@/lib/review/export-job";
import { isSlug, isUuid } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

/** A background export's file, for the person who asked for it, until it expires. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Vous devez vous connecter pour continuer.", { status: 401 });
  const { slug, id } = await params;
  if (!isSlug(slug) || !isUuid(id)) return new Response("Page introuvable.", { status: 404 });
  const file = await openExportJobFile(viewer, slug, id);
  if (!file) return new Response("Page introuvable.", { status: 404 });
  if (file.expired) return new Response("Ce lien a expiré : relancez l’export depuis la liste des dossiers.", { status: 410, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": file.format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "content-length": String(file.sizeBytes),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
