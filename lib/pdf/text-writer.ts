import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

/**
 * Plain flowing text on A4 pages with pdf-lib's standard fonts (no font file
 * to ship): the jury's minutes and the applicant's receipt.
 */

/** The standard fonts speak WinAnsi: Intl's narrow no-break spaces and a few others are mapped. */
export function winAnsi(s: string): string {
  return s
    .replace(/[\u202f\u00a0\u2009]/g, " ")
    .replace(/[\u2212]/g, "-")
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g, "?");
}

export class TextWriter {
  private page: PDFPage;
  private y = 0;
  private readonly margin = 48;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = this.newPage();
  }
  private newPage() {
    const p = this.pdf.addPage([595.28, 841.89]);
    this.y = p.getHeight() - this.margin;
    this.page = p;
    return p;
  }
  gap() {
    this.y -= 8;
  }
  line(text: string, o: { size?: number; bold?: boolean; indent?: number } = {}) {
    const size = o.size ?? 9.5;
    const f = o.bold ? this.bold : this.font;
    const width = this.page.getWidth() - 2 * this.margin - (o.indent ?? 0);
    const words = winAnsi(text).split(" ");
    let current = "";
    const flush = () => {
      if (this.y < this.margin + size) this.newPage();
      this.page.drawText(current, { x: this.margin + (o.indent ?? 0), y: this.y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      this.y -= size * 1.35;
      current = "";
    };
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (f.widthOfTextAtSize(next, size) > width && current) {
        flush();
        current = word;
      } else current = next;
    }
    if (current) flush();
  }
}
