import { Readable } from "node:stream";
import { getViewer } from "@/lib/auth/session";
import { openAttachment } from "@/lib/files/attachment.queries";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(name: string): string {
  const fallback = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Download of an attachment: members of the dossier's administration and the
 * call's staff (submitted dossiers); a 404 for anyone else. Always as a
 * download, with the type read from the bytes at upload and no sniffing.
 */
export async function GET(_request: Request, props: { params: Promise<{ id: string; attachmentId: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return text("Vous devez vous connecter pour continuer.", 401);
  const { id, attachmentId } = await props.params;
  const file = await openAttachment(viewer, id, attachmentId);
  if (!file) return text("Pièce jointe introuvable.", 404);
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.sizeBytes),
      "content-disposition": contentDisposition(file.fileName),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
