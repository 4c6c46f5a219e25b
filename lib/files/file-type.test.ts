import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { checkContent, detectKind, formatBytes, LIMITS, sanitiseFileName } from "./file-type";
import { buildZip, docxFixture, JPEG_HEAD, odsFixture, odtFixture, plainZipFixture, PNG_1X1 } from "./zip.fixtures";

async function realPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText("Budget");
  return Buffer.from(await pdf.save());
}

async function realXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Budget").addRow(["Personnel", 150000]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("detectKind reads the bytes", () => {
  it("recognises every accepted format", async () => {
    expect(detectKind(await realPdf())).toBe("pdf");
    expect(detectKind(PNG_1X1)).toBe("png");
    expect(detectKind(JPEG_HEAD)).toBe("jpeg");
    expect(detectKind(odtFixture())).toBe("odt");
    expect(detectKind(odsFixture())).toBe("ods");
    expect(detectKind(docxFixture())).toBe("docx");
    // Written by exceljs: entries with data descriptors, [Content_Types].xml not first.
    expect(detectKind(await realXlsx())).toBe("xlsx");
  });

  it("tells a plain zip, or a zip that only pretends, from an office document", () => {
    expect(detectKind(plainZipFixture())).toBe("zip");
    // A `mimetype` entry that is compressed, or names another type, is not ODF.
    expect(detectKind(buildZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.text" }]))).toBe("zip");
    expect(detectKind(buildZip([{ name: "mimetype", data: "application/x-evil", store: true }]))).toBe("zip");
    // [Content_Types].xml without the document part is not a DOCX.
    expect(detectKind(buildZip([{ name: "[Content_Types].xml", data: "<Types/>" }]))).toBe("zip");
  });

  it("detects OOXML from the tail alone when the head is elsewhere", () => {
    const docx = docxFixture();
    expect(detectKind(docx.subarray(0, 64), docx.subarray(docx.length - 250))).toBe("docx");
  });

  it("names refused contents", () => {
    expect(detectKind(Buffer.from("MZ\x90\x00", "latin1"))).toBe("exe");
    expect(detectKind(Buffer.from("<!DOCTYPE html><html></html>"))).toBe("html");
    expect(detectKind(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBe("svg");
    expect(detectKind(Buffer.from("nom;montant\nA;1\n"))).toBe("text");
    expect(detectKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe("ole");
    expect(detectKind(Buffer.from([0x00, 0x01, 0x02]))).toBe("unknown");
  });
});

describe("checkContent: the refusal names the file and the reason", () => {
  it("accepts a real PDF named .pdf", async () => {
    const pdf = await realPdf();
    expect(checkContent("budget.pdf", pdf.length, detectKind(pdf))).toBeNull();
    expect(checkContent("Photo.JPEG", 12, "jpeg")).toBeNull();
  });

  it("refuses a PNG named .pdf (the extension lies)", () => {
    expect(checkContent("budget.pdf", PNG_1X1.length, detectKind(PNG_1X1))).toBe(
      "Le fichier «\u00a0budget.pdf\u00a0» n’est pas un PDF : son contenu est une image PNG. Renommez-le avec l’extension .png ou choisissez le bon fichier.",
    );
  });

  it("refuses an executable renamed .docx, and a file without an accepted extension", () => {
    expect(checkContent("rapport.docx", 100, "exe")).toBe(
      "Le fichier «\u00a0rapport.docx\u00a0» n’est pas un document Word (DOCX) : son contenu est un programme exécutable. Types acceptés : PDF, PNG, JPEG, ODT, ODS, DOCX ou XLSX.",
    );
    expect(checkContent("archive.zip", 100, "zip")).toMatch(/^Le fichier «\u00a0archive\.zip\u00a0» n’est pas d’un type accepté : son contenu est une archive ZIP\./);
    expect(checkContent("budget.pdf", 100, "docx")).toMatch(/n’est pas un PDF : son contenu est un document Word \(DOCX\)/);
  });

  it("refuses an empty file and an oversize one", () => {
    expect(checkContent("vide.pdf", 0, "unknown")).toBe("Le fichier «\u00a0vide.pdf\u00a0» est vide.");
    expect(checkContent("gros.pdf", LIMITS.fileBytes + 1, "pdf")).toBe("Le fichier «\u00a0gros.pdf\u00a0» dépasse 10\u00a0Mo (taille maximale d’un fichier).");
    expect(checkContent("juste.pdf", LIMITS.fileBytes, "pdf")).toBeNull();
  });
});

describe("file names and sizes", () => {
  it("keeps a readable, bounded, harmless name", () => {
    expect(sanitiseFileName("C:\\Users\\x\\Budget prévisionnel.pdf")).toBe("Budget prévisionnel.pdf");
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("a\u0000b\u202e<script>.pdf")).toBe("abscript.pdf");
    expect(sanitiseFileName("...")).toBe("fichier");
    const long = sanitiseFileName(`${"é".repeat(300)}.docx`);
    expect([...long].length).toBe(LIMITS.nameLength);
    expect(long.endsWith(".docx")).toBe(true);
  });

  it("formats sizes the French way", () => {
    expect(formatBytes(1)).toBe("1\u00a0octet");
    expect(formatBytes(820 * 1024)).toBe("820\u00a0ko");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1,5\u00a0Mo");
  });
});
