import "server-only";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import { formatBytes } from "@/lib/files/file-type";
import { formatCents } from "@/lib/money";
import { TextWriter, winAnsi } from "@/lib/pdf/text-writer";
import { formatParisDateTime } from "@/lib/time";
import type { Acknowledgement } from "./dossier.queries";

/**
 * The acknowledgement of receipt as a PDF the administration can file: the
 * same facts as the page (getAcknowledgement, scoped to the applicant's
 * administration), with the receipt number in the document's metadata. The
 * jury's later feedback is not part of a receipt.
 */
export async function renderReceiptPdf(ack: Omit<Acknowledgement, "juryFeedback">, generatedAt = new Date()): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsi(`Accusé de réception ${ack.reference}`));
  pdf.setSubject(winAnsi(`${ack.title} — ${ack.callTitle}`));
  pdf.setKeywords([ack.reference]);
  pdf.setLanguage("fr-FR");
  pdf.setProducer("Lauréat");
  pdf.setCreationDate(generatedAt);
  const w = new TextWriter(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  w.line("République française — Lauréat, appels à projets de l’État", { size: 9 });
  w.gap();
  w.line("Accusé de réception d’un dossier de candidature", { size: 16, bold: true });
  w.gap();
  const rows: [string, string][] = [
    ["Numéro de dépôt", ack.reference],
    ["Projet", ack.title],
    ["Appel à projets", ack.callTitle],
    ["Administration", ack.administrationName],
    ["Déposé le", `${formatParisDateTime(ack.submittedAt)} (heure de Paris)`],
    ["Coût total du projet", formatCents(ack.totalCostCents)],
    ["Cofinancement demandé", formatCents(ack.requestedCents)],
    ["Statut à la date d’édition", DOSSIER_STATUS_LABEL[ack.status]],
  ];
  for (const [label, value] of rows) {
    w.line(label, { bold: true });
    w.line(value, { indent: 12 });
  }
  w.gap();
  w.line(`Pièces jointes (${ack.attachments.length})`, { bold: true });
  if (ack.attachments.length === 0) w.line("Aucune pièce jointe.", { indent: 12 });
  for (const file of ack.attachments) {
    // The short SHA-256 lets the administration match its copy with what was received.
    w.line(`${file.fileName} — ${formatBytes(file.sizeBytes)} — empreinte SHA-256 ${file.sha256.slice(0, 16)}…`, { indent: 12 });
  }
  w.gap();
  w.line(
    "Ce document atteste le dépôt du dossier à la date indiquée, enregistrée par le serveur de Lauréat. Il ne préjuge pas de la recevabilité du dossier ni de la décision du jury.",
  );
  w.gap();
  w.line(`Document édité le ${formatParisDateTime(generatedAt)} (heure de Paris).`, { size: 8 });
  return pdf.save();
}
