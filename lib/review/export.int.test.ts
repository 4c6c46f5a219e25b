import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { EXPORT_HEADERS } from "./export.format";
import { inboxExportBatches, openInboxExport } from "./export.queries";
import { csvStream, xlsxStream } from "./export.stream";

const actorOf = async (email: string): Promise<Actor> => {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
};
let staff: Actor;

beforeAll(async () => {
  await seedDemo(db);
  staff = await actorOf("instruction@demo.laureat.fr");
});

const readAll = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

async function csvOf(params: Record<string, string>, actor: Actor = staff, batchSize?: number) {
  const opened = await openInboxExport(actor, DEMO_CALL_SLUG, params, "csv");
  if (!opened) return null;
  const bytes = await readAll(csvStream(inboxExportBatches(opened.call.id, opened.filters, batchSize)));
  return { bytes, records: parse(bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][] };
}

describe("inbox exports", () => {
  it("are refused to applicants and jurors, to anonymous visitors and for an unknown call", async () => {
    expect(await openInboxExport(await actorOf("candidat@demo.laureat.fr"), DEMO_CALL_SLUG, {}, "csv")).toBeNull();
    expect(await openInboxExport(await actorOf("jury@demo.laureat.fr"), DEMO_CALL_SLUG, {}, "xlsx")).toBeNull();
    expect(await openInboxExport(null, DEMO_CALL_SLUG, {}, "csv")).toBeNull();
    expect(await openInboxExport(staff, "appel-inconnu", {}, "csv")).toBeNull();
    expect(await openInboxExport(await actorOf("admin@demo.laureat.fr"), DEMO_CALL_SLUG, {}, "csv")).not.toBeNull();
  });

  it("write a UTF-8 CSV with BOM, ';' and French headers, scoped by the inbox filters", async () => {
    const csv = (await csvOf({ statut: "LAUREATE", categorie: "api" }))!;
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csv.records;
    expect(header).toEqual([...EXPORT_HEADERS]);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r[5] === "Lauréat")).toBe(true);
    expect(rows.every((r) => /^\d+,\d\d$/.test(r[6]!))).toBe(true);
    expect(rows.every((r) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(r[7]!))).toBe(true);
  });

  it("export every row of the list, across batches, in the list's order, whatever page the list was on", async () => {
    const params = { tri: "requested", ordre: "desc", apres: "nimporte-quoi" };
    const small = (await csvOf(params, staff, 10))!.records.slice(1);
    const large = (await csvOf(params))!.records.slice(1);
    expect(small).toHaveLength(69);
    expect(small).toEqual(large);
    const amounts = small.map((r) => Number(r[6]!.replace(",", ".")));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it("ignore a parameter outside the whitelist and record who exported what", async () => {
    const before = await db.auditEvent.count({ where: { action: "review.export" } });
    const csv = (await csvOf({ tri: "title; drop table dossier", statut: "LAUREATE" }))!;
    expect(csv.records).toHaveLength(19);
    expect(await db.dossier.count()).toBeGreaterThanOrEqual(69);
    const last = await db.auditEvent.findFirstOrThrow({ where: { action: "review.export" }, orderBy: { id: "desc" } });
    expect(await db.auditEvent.count({ where: { action: "review.export" } })).toBe(before + 1);
    expect(last.actorId).toBe(staff.userId);
    expect(last.data).toMatchObject({ format: "csv", filters: "statut=LAUREATE" });
  });

  it("write an XLSX that exceljs reads back, amounts as numbers", async () => {
    const opened = (await openInboxExport(staff, DEMO_CALL_SLUG, { ministere: "CUL", statut: "LAUREATE" }, "xlsx"))!;
    const bytes = await readAll(xlsxStream(inboxExportBatches(opened.call.id, opened.filters, 2)));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Dossiers")!;
    const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(values[0]).toEqual([...EXPORT_HEADERS]);
    expect(values).toHaveLength(4);
    for (const row of values.slice(1)) {
      expect(row[3]).toBe("Ministère de la Culture");
      expect(typeof row[6]).toBe("number");
      expect(row[7]).toBeInstanceOf(Date);
    }
  });
});
