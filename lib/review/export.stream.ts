import "server-only";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { parisWallClock } from "@/lib/time";
import { CSV_BOM, csvLine, csvRecord, EXPORT_HEADERS, statusLabel, type ExportRow } from "./export.format";

/**
 * CSV as a pull stream: the next batch is read from the database only when
 * the client has taken the previous one (backpressure end to end).
 */
export function csvStream(batches: AsyncIterable<ExportRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine([...EXPORT_HEADERS])));
        return;
      }
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(csvRecord).join("")));
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
}

/** Excel has no time zones: a Paris wall-clock time is written as that "UTC" date. */
const excelParisDate = (instant: Date) => {
  const w = parisWallClock(instant);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute));
};

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed
 * (written to the zip) as it comes and never kept; after each batch the
 * writer waits for the client to drain the output before reading the next.
 * Cells hold strings, never formulas, so no formula prefix is needed here.
 */
export function xlsxStream(batches: AsyncIterable<ExportRow[]>): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Lauréat";
  const produce = async () => {
    const sheet = workbook.addWorksheet("Dossiers", { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [
      { header: EXPORT_HEADERS[0], width: 18 },
      { header: EXPORT_HEADERS[1], width: 60 },
      { header: EXPORT_HEADERS[2], width: 45 },
      { header: EXPORT_HEADERS[3], width: 40 },
      { header: EXPORT_HEADERS[4], width: 30 },
      { header: EXPORT_HEADERS[5], width: 20 },
      { header: EXPORT_HEADERS[6], width: 20, style: { numFmt: '#,##0.00 "€"' } },
      { header: EXPORT_HEADERS[7], width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const r of batch) {
        sheet
          .addRow([
            r.reference ?? "",
            r.title,
            r.administration,
            r.ministry,
            r.category ?? "",
            statusLabel(r.status),
            Number(r.requestedCents) / 100,
            r.submittedAt ? excelParisDate(r.submittedAt) : null,
          ])
          .commit();
      }
      if (out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  };
  produce().catch((error: unknown) => out.destroy(error as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
