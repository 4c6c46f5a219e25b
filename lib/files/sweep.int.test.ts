import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { LocalDiskStorage } from "./storage";
import { clearSweepCandidate, markSweepCandidate, ORPHAN_GRACE_MS, sweepOrphanFiles } from "./sweep";

let root: string;
let storage: LocalDiskStorage;
let callId: string;
let administrationId: string;
let userId: string;
const later = () => new Date(Date.now() + ORPHAN_GRACE_MS + 60_000);
const soon = () => new Date(Date.now() + ORPHAN_GRACE_MS - 60_000);

beforeAll(async () => {
  await seedDemo(db);
  const dossier = await db.dossier.findFirstOrThrow({ where: { status: { not: "DRAFT" } }, select: { callId: true, administrationId: true } });
  callId = dossier.callId;
  administrationId = dossier.administrationId;
  userId = (await db.user.findFirstOrThrow({ where: { email: "instruction@demo.laureat.fr" }, select: { id: true } })).id;
  root = await mkdtemp(path.join(tmpdir(), "laureat-sweep-"));
  storage = new LocalDiskStorage(root);
});

// The database is shared with the other test files, which count the demo call's dossiers: what this file adds, it removes.
const scratch = { dossiers: [] as string[], jobs: [] as string[], keys: [] as string[] };

afterAll(async () => {
  await db.exportJob.deleteMany({ where: { id: { in: scratch.jobs } } });
  await db.dossier.deleteMany({ where: { id: { in: scratch.dossiers } } });
  await db.fileSweepCandidate.deleteMany({ where: { storageKey: { in: scratch.keys } } });
  await rm(root, { recursive: true, force: true });
});

/** A throwaway dossier (never one of the demo's). */
async function scratchDossier(): Promise<string> {
  const id = randomUUID();
  await db.dossier.create({ data: { id, callId, administrationId, createdById: userId, title: "Brouillon de test", summary: "" } });
  scratch.dossiers.push(id);
  return id;
}

function newKey(): string {
  const key = randomUUID();
  scratch.keys.push(key);
  return key;
}

/** What the upload does: register, write the bytes, then the row and the clearing in one transaction. */
async function storedAttachment(dossierId: string): Promise<string> {
  const key = newKey();
  await markSweepCandidate(db, key);
  await storage.put(key, Buffer.from("%PDF-1.7"), { contentType: "application/pdf" });
  await db.$transaction(async (tx) => {
    await tx.dossierAttachment.create({
      data: { id: randomUUID(), dossierId, storageKey: key, fileName: `${key}.pdf`, mimeType: "application/pdf", sizeBytes: 8, sha256: "0".repeat(64) },
    });
    await clearSweepCandidate(tx, key);
  });
  return key;
}

const candidate = (key: string) => db.fileSweepCandidate.findUnique({ where: { storageKey: key } });

describe("orphan file sweep", () => {
  it("keeps a file with its row; deletes one whose row never came, after the grace period only", async () => {
    const dossierId = await scratchDossier();
    const kept = await storedAttachment(dossierId);
    expect(await candidate(kept)).toBeNull();

    // A process that died between the bytes and the row.
    const lost = newKey();
    await markSweepCandidate(db, lost);
    await storage.put(lost, Buffer.from("%PDF-1.7"), { contentType: "application/pdf" });

    expect((await sweepOrphanFiles(db, storage, soon())).deleted).not.toContain(lost);
    expect(await storage.get(lost)).not.toBeNull();
    const run = await sweepOrphanFiles(db, storage, later());
    expect(run.deleted).toContain(lost);
    expect(run.deleted).not.toContain(kept);
    expect(await storage.get(lost)).toBeNull();
    expect(await storage.get(kept)).not.toBeNull();
    expect(await candidate(lost)).toBeNull();
  });

  it("takes the bytes of a removed attachment and of a deleted dossier (retention archive), through the trigger", async () => {
    const removed = await storedAttachment(await scratchDossier());
    await db.dossierAttachment.deleteMany({ where: { storageKey: removed } });
    expect(await candidate(removed)).not.toBeNull();

    const dossierId = await scratchDossier();
    const archived = [await storedAttachment(dossierId), await storedAttachment(dossierId)];
    await db.dossier.delete({ where: { id: dossierId } }); // the attachments go by cascade
    for (const key of archived) expect(await candidate(key), key).not.toBeNull();

    const run = await sweepOrphanFiles(db, storage, later());
    expect(run.deleted).toEqual(expect.arrayContaining([removed, ...archived]));
    for (const key of [removed, ...archived]) expect(await storage.get(key), key).toBeNull();
  });

  it("takes an export's file once its job forgets it (expiry) or goes; a foreign file is never touched", async () => {
    const key = newKey();
    await markSweepCandidate(db, key);
    await storage.put(key, Buffer.from("a;b\n"), { contentType: "text/csv" });
    const jobId = randomUUID();
    scratch.jobs.push(jobId);
    await db.$transaction(async (tx) => {
      await tx.exportJob.create({
        data: {
          id: jobId, callId, requestedById: userId, format: "csv", query: "", status: "DONE", totalRows: 1, doneRows: 1, storageKey: key, fileName: "x.csv",
          sizeBytes: 4, finishedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      await clearSweepCandidate(tx, key);
    });
    expect((await sweepOrphanFiles(db, storage, later())).deleted).not.toContain(key);
    await db.exportJob.update({ where: { id: jobId }, data: { storageKey: null, status: "FAILED", error: "Lien expiré." } });
    expect(await candidate(key)).not.toBeNull();

    // Written by someone else (another database sharing the store): no candidate here.
    const foreign = newKey();
    await storage.put(foreign, Buffer.from("à garder"), { contentType: "text/plain" });

    const run = await sweepOrphanFiles(db, storage, later());
    expect(run.deleted).toContain(key);
    expect(run.deleted).not.toContain(foreign);
    expect(await storage.get(foreign)).not.toBeNull();
  });

  it("drops a candidate that a row references without deleting its bytes; removes what a dying write left; audits each pass that deleted", async () => {
    const referenced = await storedAttachment(await scratchDossier());
    await markSweepCandidate(db, referenced); // as if the clearing had been missed
    const dying = newKey();
    await markSweepCandidate(db, dying);
    const partial = path.join(root, dying.slice(-2), `${dying}.partial`);
    await mkdir(path.dirname(partial), { recursive: true });
    await writeFile(partial, "moitié");

    const auditsBefore = await db.auditEvent.count({ where: { action: "files.orphansDeleted" } });
    const run = await sweepOrphanFiles(db, storage, later());
    expect(run.deleted).toEqual([dying]);
    expect(await storage.get(referenced)).not.toBeNull();
    expect(await candidate(referenced)).toBeNull();
    expect(await readdir(path.dirname(partial))).not.toContain(`${dying}.partial`);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "files.orphansDeleted" }, orderBy: { id: "desc" }, select: { actorId: true, data: true } });
    expect(audit).toMatchObject({ actorId: null, data: { count: 1, keys: [dying] } });
    expect(await db.auditEvent.count({ where: { action: "files.orphansDeleted" } })).toBe(auditsBefore + 1);

    // Nothing left: no deletion, no audit event.
    expect((await sweepOrphanFiles(db, storage, later())).deleted).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "files.orphansDeleted" } })).toBe(auditsBefore + 1);
  });

  it("keeps the candidate of a file it could not delete, for the next pass", async () => {
    const key = newKey();
    await markSweepCandidate(db, key);
    const failing = { ...storage, kind: "local" as const, put: storage.put.bind(storage), get: storage.get.bind(storage), delete: async () => Promise.reject(new Error("disque indisponible")) };
    const run = await sweepOrphanFiles(db, failing, later());
    expect(run.failed).toEqual([key]);
    expect(await candidate(key)).not.toBeNull();
    expect((await sweepOrphanFiles(db, storage, later())).deleted).toContain(key);
  });
});
