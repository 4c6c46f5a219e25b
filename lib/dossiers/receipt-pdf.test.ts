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
  juryFeedback: null,
};

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

  it("flows a very long title onto several lines and pages instead of failing", async () => {
    const bytes = await renderReceiptPdf({ ...ack, title: "Projet très long ".repeat(2_000) });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
  });
});
