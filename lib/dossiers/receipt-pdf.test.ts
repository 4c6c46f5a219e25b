import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { Acknowledgement } from "./dossier.queries";
import { renderReceiptPdf } from "./receipt-pdf";

const ack: Acknowledgement = {
  id: "6f1c1f0e-9d43-4d5c-9a53-2c0b1b8e8a01",
  reference: "LAU-2026-00042",
  title: "Tableau de bord des délais de l’état civil — données ouvertes « Œuvre » ≥ 2 ans",
  callTitle: "Guichet en continu : petits projets (< 100 000 €)",
  administrationName: "Préfecture fictive de Bellecombe",
  submittedAt: new Date("2026-03-31T21:59:00Z"),
  requestedCents: 75_000_00n,
  totalCostCents: 150_000_00n,
  status: "SUBMITTED",
  attachments: [
    { id: "a1", fileName: "Budget prévisionnel.pdf", mimeType: "application/pdf", sizeBytes: 1_572_864, sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", createdAt: "2026-03-30T10:00:00.000Z" },
  ],
  juryFeedback: null,
};

/** WinAnsi (cp1252) → text: latin-1 plus the few typographic characters the writer uses in 0x80–0x9F. */
const CP1252: Record<number, string> = { 0x80: "€", 0x85: "…", 0x8c: "Œ", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—", 0x9c: "œ" };
const winAnsiDecode = (bytes: Buffer) => [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join("");

/** The text a PDF page shows, from pdf-lib's uncompressed content streams (hex strings under Tj). */
async function pageText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const { PDFRawStream, decodePDFRawStream } = await import("pdf-lib");
  const contents = page.node.Contents();
  const streams = contents && "asArray" in contents ? contents.asArray() : [contents];
  let text = "";
  for (const ref of streams) {
    const stream = doc.context.lookup(ref as never);
    const raw = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : (stream as unknown as { getContents(): Uint8Array }).getContents();
    for (const m of Buffer.from(raw).toString("latin1").matchAll(/<([0-9A-Fa-f]*)> Tj/g)) text += winAnsiDecode(Buffer.from(m[1]!, "hex")) + "\n";
  }
  return text;
}

describe("receipt PDF", () => {
  it("is a one-page PDF carrying the receipt number in its metadata", async () => {
    const bytes = await renderReceiptPdf(ack, new Date("2026-04-01T08:00:00Z"));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe("Accusé de réception LAU-2026-00042");
    expect(doc.getKeywords()).toBe("LAU-2026-00042");
    // WinAnsi keeps French typography (’ « » Œ €); what it cannot encode (≥) becomes "?" instead of failing.
    expect(doc.getSubject()).toBe("Tableau de bord des délais de l’état civil — données ouvertes « Œuvre » ? 2 ans — Guichet en continu : petits projets (< 100 000 €)");
  });

  it("lists the attachments with their size and a short SHA-256", async () => {
    const text = await pageText(await renderReceiptPdf(ack));
    expect(text).toContain("Pièces jointes (1)");
    // pdf-lib's standard fonts draw a no-break space as a space.
    expect(text.replaceAll("\u00a0", " ")).toContain("Budget prévisionnel.pdf — 1,5 Mo — empreinte SHA-256 9f86d081884c7d65…");
    expect(await pageText(await renderReceiptPdf({ ...ack, attachments: [] }))).toContain("Aucune pièce jointe.");
  });

  it("flows a very long title onto several lines and pages instead of failing", async () => {
    const bytes = await renderReceiptPdf({ ...ack, title: "Projet très long ".repeat(2_000) });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
  });
});
