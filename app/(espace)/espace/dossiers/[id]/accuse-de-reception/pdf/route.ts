import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { getAcknowledgement } from "@/lib/dossiers/dossier.queries";
import { renderReceiptPdf } from "@/lib/dossiers/receipt-pdf";

const params = z.object({ id: z.uuid() });

/** The receipt as a PDF: the applicant's own administration only (getAcknowledgement is scoped by the session). */
export async function GET(_request: Request, props: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Vous devez vous connecter pour continuer.", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const parsed = params.safeParse(await props.params);
  const ack = parsed.success ? await getAcknowledgement(viewer, parsed.data.id) : null;
  if (!ack) return new Response("Accusé de réception introuvable.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const pdf = await renderReceiptPdf(ack);
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="accuse-de-reception-${ack.reference}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}
