import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { openDossierArchive } from "@/lib/review/dossier-archive.queries";
import { zipStream } from "@/lib/review/zip.stream";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(200), id: z.uuid() });

/** A submitted dossier as a ZIP (receipt PDF, dossier.json), streamed: staff of the dossier's call only. */
export async function GET(_request: Request, props: { params: Promise<{ slug: string; id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Vous devez vous connecter pour continuer.", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const parsed = params.safeParse(await props.params);
  const archive = parsed.success ? await openDossierArchive(viewer, parsed.data.slug, parsed.data.id) : null;
  // Not staff of this call, no such dossier, or a draft: the same 404 as the dossier page.
  if (!archive) return new Response("Page introuvable.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(zipStream(archive.entries), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${archive.fileName}"`,
      "cache-control": "private, no-store",
    },
  });
}
