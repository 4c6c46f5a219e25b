/**
 * What an export of the staff inbox contains, and how a CSV cell is written.
 * Pure: the route handlers stream these lines, the tests call them directly.
 *
 * Amounts: one column in euros with a decimal comma and no thousands
 * separator ("250000,00"), which French spreadsheet software reads as a
 * number; the XLSX file holds a real number with a euro format instead.
 * Dates: wall-clock time in Paris, "31/12/2020 23:59", read as a date too.
 */
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { parisWallClock } from "@/lib/time";

/** The UTF-8 byte order mark: without it, Excel reads the file as Windows-1252. */
export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";

export type ExportRow = {
  reference: string | null;
  title: string;
  administration: string;
  ministry: string;
  category: string | null;
  status: string;
  requestedCents: bigint;
  submittedAt: Date | null;
};

export const EXPORT_HEADERS = ["N° de dossier", "Projet", "Administration", "Ministère", "Catégorie", "Statut", "Montant demandé (€)", "Déposé le"] as const;

/**
 * A cell a spreadsheet would read as a formula is prefixed with an
 * apostrophe (OWASP "CSV injection"): = + - @ and tab or carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: formula-neutralized, quoted when it holds the separator, a quote or a line break. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const safe = neutralizeFormula(value);
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvLine(cells: (string | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + "\r\n";
}

/** 25000000n → "250000,00" (sign kept, never a thousands separator). */
export function centsToFrenchDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n},${String(abs % 100n).padStart(2, "0")}`;
}


/** "31/12/2020 23:59" in Paris. */
export function parisSpreadsheetDate(instant: Date): string {
  const w = parisWallClock(instant);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(w.day)}/${two(w.month)}/${w.year} ${two(w.hour)}:${two(w.minute)}`;
}

export const statusLabel = (status: string) => DOSSIER_STATUS_LABEL[status as DossierStatus] ?? status;

/** The CSV record of one dossier, in EXPORT_HEADERS order. */
export function csvRecord(row: ExportRow): string {
  return csvLine([
    row.reference,
    row.title,
    row.administration,
    row.ministry,
    row.category,
    statusLabel(row.status),
    centsToFrenchDecimal(row.requestedCents),
    row.submittedAt ? parisSpreadsheetDate(row.submittedAt) : null,
  ]);
}

/** File name of an export: the call's slug and the day, in Paris. */
export function exportFileName(slug: string, now: Date, extension: "csv" | "xlsx"): string {
  const w = parisWallClock(now);
  const two = (n: number) => String(n).padStart(2, "0");
  return `dossiers-${slug}-${w.year}-${two(w.month)}-${two(w.day)}.${extension}`;
}
