import "server-only";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { formatCents } from "@/lib/money";
import { TextWriter as Writer, winAnsi } from "@/lib/pdf/text-writer";
import { formatParisDateTime } from "@/lib/time";
import type { ChairView } from "./jury.queries";
import { DECISION_LABEL } from "./jury.schema";

/**
 * The locked minutes (procès-verbal) as a PDF: ranked list with scores,
 * recusals, decisions and motivations, and the digest sealed in the audit
 * chain. Built from the viewer's own chair view, so a conflicted viewer's
 * recused dossiers carry no score here either.
 */
export async function renderMinutesPdf(input: { callTitle: string; lockedAt: Date; digest: string | null; view: ChairView; envelopeCents: bigint }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Procès-verbal du jury — ${winAnsi(input.callTitle)}`);
  pdf.setLanguage("fr-FR");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(pdf, font, bold);
  const { view } = input;
  const title = new Map(view.rows.map((r) => [r.juryDossierId, r]));
  const names = new Map(view.jurors.map((j) => [j.memberId, j.name]));

  w.line(`Procès-verbal de délibération du jury`, { size: 16, bold: true });
  w.line(input.callTitle, { size: 12, bold: true });
  w.line(`Délibération verrouillée le ${formatParisDateTime(input.lockedAt)} (heure de Paris).`);
  w.line(`Enveloppe : ${formatCents(input.envelopeCents)} — total accordé : ${formatCents(view.grantedTotalCents)}.`);
  w.line(`Jury : ${view.jurors.map((j) => `${j.name}${j.isChair ? " (présidence)" : ""}`).join(", ")}.`);
  w.gap();
  w.line("Classement", { size: 13, bold: true });
  for (const d of view.ranking.dossiers) {
    const r = title.get(d.id)!;
    const n = (x: number | null) => (x === null ? "—" : x.toLocaleString("fr-FR", { maximumFractionDigits: 2 }));
    w.line(`${d.rank}. ${r.reference ?? ""} ${r.title}`, { bold: true });
    w.line(
      `Moyenne ${n(d.mean)} · normalisée ${n(d.normalisedMean)} · médiane ${n(d.median)} · écart type ${n(d.sd)} · max−min ${n(d.spread)}${d.contested ? " · CONTESTÉ" : ""} · ${d.jurorCount} juré(s) · seuils ${d.thresholdsPassed === null ? "—" : d.thresholdsPassed ? "atteints" : "non atteints"}`,
      { indent: 12 },
    );
    w.line(
      `Demandé ${formatCents(d.requestedCents)} · décision : ${r.decision ? DECISION_LABEL[r.decision as keyof typeof DECISION_LABEL] : "—"}${r.grantedCents !== null ? ` · accordé ${formatCents(r.grantedCents)}` : ""}`,
      { indent: 12 },
    );
    if (r.motivation) w.line(`Motivation : ${r.motivation}`, { indent: 12 });
  }
  const recused = view.rows.filter((r) => r.recusedViewer);
  if (recused.length) {
    w.gap();
    w.line(`Dossiers non montrés au lecteur de ce document (conflit d’intérêts) : ${recused.map((r) => r.title).join(" ; ")}.`);
  }
  w.gap();
  w.line("Récusations", { size: 13, bold: true });
  const recusals = view.jurors.filter((j) => j.conflictedJuryDossierIds.length > 0);
  if (recusals.length === 0) w.line("Aucune.");
  for (const j of recusals) w.line(`${names.get(j.memberId)} : ${j.conflictedJuryDossierIds.map((id) => title.get(id)?.title ?? id).join(" ; ")}`);
  w.gap();
  w.line("Scellement", { size: 13, bold: true });
  w.line(`Empreinte SHA-256 de l’enregistrement final, inscrite au journal d’audit chaîné : ${input.digest ?? "—"}`);
  return pdf.save();
}
