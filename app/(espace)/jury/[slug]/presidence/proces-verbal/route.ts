import { getViewer } from "@/lib/auth/session";
import { getMinutes, loadJuryContext } from "@/lib/jury/jury.queries";
import { renderMinutesPdf } from "@/lib/jury/minutes";

/** The locked minutes as a PDF: the chair or staff, after the lock. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Vous devez vous connecter pour continuer.", { status: 401 });
  const { slug } = await params;
  const ctx = await loadJuryContext(viewer, { slug });
  const minutes = ctx ? await getMinutes(viewer, ctx) : null;
  if (!minutes) return new Response("Procès-verbal indisponible.", { status: 404 });
  const pdf = await renderMinutesPdf(minutes);
  return new Response(Buffer.from(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="proces-verbal-${slug}.pdf"`, "cache-control": "no-store" },
  });
}
