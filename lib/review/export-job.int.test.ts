import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, seedDemo } from "@/lib/demo/seed";
import { LocalDiskStorage, type FileStorage } from "@/lib/files/storage";
import { db } from "@/lib/server/db";
import { EXPORT_HEADERS } from "./export.format";
import { EXPORT_JOB_STALE_MS, EXPORT_JOB_TTL_MS, openExportJobFile, processExportJobs, requestExportJob, listMyExportJobs } from "./export-job";

let staff: Actor;
let admin: Actor;
let applicant: Actor;
let root: string;
let storage: LocalDiskStorage;

const actorByEmail = async (email: string): Promise<Actor> => (await loadActor((await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id))!;
const read = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
};
const files = () => readdirSync(root, { recursive: true }).filter((f) => !String(f).match(/^[0-9a-f]{2}$/));

beforeAll(async () => {
  await seedDemo(db);
  staff = await actorByEmail("instruction@demo.laureat.fr");
  admin = await actorByEmail("admin@demo.laureat.fr");
  applicant = await actorByEmail("candidat@demo.laureat.fr");
  root = mkdtempSync(path.join(tmpdir(), "laureat-export-jobs-"));
  storage = new LocalDiskStorage(root);
});

async function clearJobs() {
  await db.exportJob.deleteMany({});
}

describe("background exports", () => {
  it("a job is prepared batch by batch to the file store, then served to its requester only, until it expires", async () => {
    await clearJobs();
    const requested = await requestExportJob(staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "statut=LAUREATE&tri=title&inconnu=1" });
    expect(requested.ok).toBe(true);
    const id = requested.ok ? requested.data.id : "";
    expect(await db.exportJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", totalRows: 18, doneRows: 0, query: "statut=LAUREATE&tri=title" });
    // Not ready yet: nothing to download.
    expect(await openExportJobFile(staff, DEMO_CALL_SLUG, id, new Date(), storage)).toBeNull();

    const run = await processExportJobs(db, storage, () => new Date(), 5);
    expect(run).toEqual({ done: [id], failed: [] });
    const job = await db.exportJob.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "DONE", doneRows: 18 });
    expect(job.expiresAt!.getTime() - job.finishedAt!.getTime()).toBe(EXPORT_JOB_TTL_MS);

    const file = await openExportJobFile(staff, DEMO_CALL_SLUG, id, new Date(), storage);
    if (!file || file.expired) throw new Error("expected the file");
    const bytes = await read(file.body);
    expect(bytes.length).toBe(job.sizeBytes);
    const [header, ...rows] = parse(bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    expect(header).toEqual([...EXPORT_HEADERS]);
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => r[5] === "Lauréat")).toBe(true);

    // Another person (even an administrator), an applicant, another call's slug: nothing.
    expect(await openExportJobFile(admin, DEMO_CALL_SLUG, id, new Date(), storage)).toBeNull();
    expect(await openExportJobFile(applicant, DEMO_CALL_SLUG, id, new Date(), storage)).toBeNull();
    expect(await openExportJobFile(staff, "guichet-continu-petits-projets", id, new Date(), storage)).toBeNull();
    expect((await listMyExportJobs(admin, DEMO_CALL_SLUG))!.jobs).toEqual([]);
    expect(await listMyExportJobs(applicant, DEMO_CALL_SLUG)).toBeNull();

    // Expired: refused as such, then the worker deletes the file.
    const later = new Date(job.expiresAt!.getTime() + 1000);
    expect(await openExportJobFile(staff, DEMO_CALL_SLUG, id, later, storage)).toEqual({ expired: true });
    await processExportJobs(db, storage, () => later, 5);
    expect(await db.exportJob.findUniqueOrThrow({ where: { id }, select: { status: true, storageKey: true } })).toEqual({ status: "FAILED", storageKey: null });
    expect(files()).toEqual([]);
  });

  it("XLSX jobs too; a refused request writes nothing; three jobs waiting per person at most", async () => {
    await clearJobs();
    const before = await Promise.all([db.exportJob.count(), db.auditEvent.count()]);
    for (const [actor, input, code] of [
      [applicant, { slug: DEMO_CALL_SLUG, format: "csv", query: "" }, "NOT_FOUND"],
      [staff, { slug: DEMO_CALL_SLUG, format: "pdf", query: "" }, "INVALID_INPUT"],
      [staff, { slug: "../etc", format: "csv", query: "" }, "INVALID_INPUT"],
      [staff, { slug: DEMO_CALL_SLUG, format: "csv" }, "INVALID_INPUT"],
      [staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "q=\u0000" }, "INVALID_INPUT"],
      [staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "x".repeat(3000) }, "INVALID_INPUT"],
    ] as const) {
      const r = await requestExportJob(actor, input);
      expect(r).toMatchObject({ ok: false, code });
    }
    expect(await Promise.all([db.exportJob.count(), db.auditEvent.count()])).toEqual(before);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await requestExportJob(staff, { slug: DEMO_CALL_SLUG, format: "xlsx", query: "statut=LAUREATE" });
      ids.push(r.ok ? r.data.id : "");
    }
    expect(await requestExportJob(staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "" })).toMatchObject({ ok: false, code: "CONFLICT" });
    await processExportJobs(db, storage, () => new Date(), 7);
    const file = await openExportJobFile(staff, DEMO_CALL_SLUG, ids[0]!, new Date(), storage);
    if (!file || file.expired) throw new Error("expected the file");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await read(file.body)) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Dossiers")!.actualRowCount).toBe(19);
    // Done jobs no longer count: a new one is accepted.
    expect((await requestExportJob(staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "" })).ok).toBe(true);
  });

  it("a process that died mid-export leaves no file: its RUNNING job is failed later, and a failed write leaves nothing", async () => {
    await clearJobs();
    const call = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
    const stale = randomUUID();
    await db.exportJob.create({
      data: { id: stale, callId: call.id, requestedById: staff.userId, format: "csv", query: "", totalRows: 69, doneRows: 20, status: "RUNNING", fileName: "x.csv", startedAt: new Date(Date.now() - EXPORT_JOB_STALE_MS - 1000) },
    });
    // A store that breaks after the first bytes (a full disk, a lost bucket).
    const breaking: FileStorage = {
      kind: "local",
      put: async (key, body) => {
        let seen = 0;
        await storage.put(
          key,
          (body as Readable).map((chunk: Buffer) => {
            seen += chunk.length;
            if (seen > 100) throw new Error("disque plein");
            return chunk;
          }),
          { contentType: "text/csv" },
        );
      },
      get: (key) => storage.get(key),
      delete: (key) => storage.delete(key),
    };
    const requested = await requestExportJob(staff, { slug: DEMO_CALL_SLUG, format: "csv", query: "" });
    const id = requested.ok ? requested.data.id : "";
    const stored = files();
    const run = await processExportJobs(db, breaking, () => new Date(), 5);
    expect(run).toEqual({ done: [], failed: [id] });
    expect(await db.exportJob.findMany({ where: { id: { in: [stale, id] } }, orderBy: { createdAt: "asc" }, select: { status: true, storageKey: true } })).toEqual([
      { status: "FAILED", storageKey: null },
      { status: "FAILED", storageKey: null },
    ]);
    expect(await openExportJobFile(staff, DEMO_CALL_SLUG, stale, new Date(), storage)).toBeNull();
    expect(await openExportJobFile(staff, DEMO_CALL_SLUG, id, new Date(), storage)).toBeNull();
    // Neither the file nor a partial one was left in the store.
    expect(files()).toEqual(stored);
  });
});
