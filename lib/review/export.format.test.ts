import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centsToFrenchDecimal, csvCell, csvLine, csvRecord, exportFileName, neutralizeFormula, parisSpreadsheetDate } from "./export.format";

const parseLine = (line: string) => parse(line, { delimiter: ";", relaxQuotes: false }) as string[][];

describe("CSV cells", () => {
  it("prefixes every cell a spreadsheet would run as a formula", () => {
    for (const hostile of ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x";"clic")']) {
      expect(csvCell(hostile).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(neutralizeFormula("Projet = données")).toBe("Projet = données");
    expect(csvCell("Tableau de bord")).toBe("Tableau de bord");
  });

  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell('Projet "Alpha"; phase 2')).toBe('"Projet ""Alpha""; phase 2"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell(null)).toBe("");
  });

  it("reads back as the same fields, formula-neutralized, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { minLength: 1, maxLength: 6 }), (cells) => {
        const line = csvLine(cells);
        const [record] = parseLine(line);
        expect(record).toEqual(cells.map((c) => (c === "" ? "" : neutralizeFormula(c))));
        for (const field of record!) expect(field).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe("values for French spreadsheets", () => {
  it("writes euros with a decimal comma and no thousands separator", () => {
    expect(centsToFrenchDecimal(25_000_000n)).toBe("250000,00");
    expect(centsToFrenchDecimal(5n)).toBe("0,05");
    expect(centsToFrenchDecimal(-1234n)).toBe("-12,34");
  });

  it("writes Paris wall-clock dates, summer and winter", () => {
    expect(parisSpreadsheetDate(new Date("2020-12-31T22:59:00Z"))).toBe("31/12/2020 23:59");
    expect(parisSpreadsheetDate(new Date("2026-06-15T07:30:00Z"))).toBe("15/06/2026 09:30");
    expect(exportFileName("appel", new Date("2026-03-31T22:30:00Z"), "csv")).toBe("dossiers-appel-2026-04-01.csv");
  });

  it("writes one dossier as one record in header order, a negative amount cell neutralized", () => {
    const line = csvRecord({
      reference: "LAU-2020-0001",
      title: "=cmd|' /C calc'!A0",
      administration: "Préfecture; Nord",
      ministry: "Ministère de l’Intérieur",
      category: null,
      status: "LAUREATE",
      requestedCents: 12_345_678n,
      submittedAt: new Date("2020-12-01T09:00:00Z"),
    });
    expect(parseLine(line)[0]).toEqual(["LAU-2020-0001", "'=cmd|' /C calc'!A0", "Préfecture; Nord", "Ministère de l’Intérieur", "", "Lauréat", "123456,78", "01/12/2020 10:00"]);
  });
});
