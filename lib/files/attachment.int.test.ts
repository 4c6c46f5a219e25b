import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { COMPLETE_STEPS } from "@/lib/dossiers/dossier.fixtures";
import { createDraft, requestCorrection, saveStep, submitDossier } from "@/lib/dossiers/dossier.mutations";
import { getAcknowledgement, getDossierForEdit } from "@/lib/dossiers/dossier.queries";
import { STEP_KEYS } from "@/lib/dossiers/dossier.schema";
import { getStaffDossier } from "@/lib/review/review.queries";
import { db } from "@/lib/server/db";
import { startS3Server } from "@/lib/testing/s3-server";
import { removeAttachment, uploadAttachment } from "./attachment.mutations";
import { openAttachment } from "./attachment.queries";
import { LIMITS } from "./file-type";
import { LocalDiskStorage, S3Storage, type FileStorage } from "./storage";
import { PNG_1X1 } from "./zip.fixtures";

let applicantA: Actor;
let applicantB: Actor;
let staff: Actor;
let jury: Actor;
let admin: Actor;
let categoryKey: string;
let root: string;
let storage: LocalDiskStorage;
let pdf: Buffer;

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  await seedDemo(db);
  applicantA = await actorByEmail("candidat@demo.laureat.fr");
  applicantB = await actorByEmail("candidat2@demo.laureat.fr");
  staff = await actorByEmail("instruction@demo.laureat.fr");
  jury = await actorByEmail("jury@demo.laureat.fr");
  admin = await actorByEmail("admin@demo.laureat.fr");
  categoryKey = (await db.callCategory.findFirstOrThrow({ where: { call: { slug: DEMO_ROLLING_SLUG } }, orderBy: { position: "asc" }, select: { key: true } })).key;
  root = await mkdtemp(path.join(tmpdir(), "laureat-attachments-"));
  storage = new LocalDiskStorage(root);
  const doc = await PDFDocument.create();
  doc.addPage().drawText("Budget détaillé".normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  pdf = Buffer.from(await doc.save());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newDraft(actor = applicantA): Promise<string> {
  const r = await createDraft(actor, DEMO_ROLLING_SLUG);
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

async function submit(id: string) {
  for (const step of STEP_KEYS) {
    const { version } = await db.dossier.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const r = await saveStep(applicantA, { dossierId: id, step, version, values: step === "category" ? { categoryKey } : COMPLETE_STEPS[step] });
    if (!r.ok) throw new Error(r.message);
  }
  const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
  if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.fieldErrors)}`);
}

const upload = (actor: Actor, dossierId: string, fileName: string, bytes: Buffer, options: { declare?: boolean; store?: FileStorage } = {}) =>
  uploadAttachment(
    actor,
    { dossierId, fileName, declaredBytes: options.declare === false ? null : bytes.length, body: Readable.from((function* () { for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536); })()) },
    options.store ?? storage,
  );

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

const storedFiles = async () => ((await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length);

/** What a refused request must leave untouched: rows, audit log, stored objects. */
async function snapshot() {
  const [attachments, audits, objects] = await Promise.all([db.dossierAttachment.count(), db.auditEvent.count(), storedFiles()]);
  return { attachments, audits, objects };
}

/** A PDF of exactly `size` bytes (a real header, padding in a comment). */
const pdfOfSize = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n%"), Buffer.alloc(size - 10, 0x41)]);

describe("uploading", () => {
  it("stores a real PDF under a random key, with its metadata, and audits it in the same transaction", async () => {
    const id = await newDraft();
    const r = await upload(applicantA, id, "Budget détaillé.pdf", pdf);
    expect(r).toMatchObject({ ok: true, data: { fileName: "Budget détaillé.pdf", mimeType: "application/pdf", sizeBytes: pdf.length } });
    if (!r.ok) return;
    const row = await db.dossierAttachment.findUniqueOrThrow({ where: { id: r.data.id } });
    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain("Budget");
    expect(row.uploadedById).toBe(applicantA.userId);
    expect(row.sha256).toBe((await import("node:crypto")).createHash("sha256").update(pdf).digest("hex"));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "dossier.attachmentAdded", entityId: id } });
    expect(audit.data).toMatchObject({ attachmentId: r.data.id, fileName: "Budget détaillé.pdf", sha256: row.sha256 });
    // The wizard, the receipt and staff see the list.
    expect((await getDossierForEdit(applicantA, id))?.attachments).toEqual([r.data]);
  });

  it("refuses a PNG named .pdf, an empty file, an oversize one: the reason in French, nothing kept", async () => {
    const id = await newDraft();
    const before = await snapshot();
    const lying = await upload(applicantA, id, "budget.pdf", PNG_1X1);
    expect(lying).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "Le fichier «\u00a0budget.pdf\u00a0» n’est pas un PDF : son contenu est une image PNG. Renommez-le avec l’extension .png ou choisissez le bon fichier." });
    expect(await upload(applicantA, id, "vide.pdf", Buffer.alloc(0))).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "Le fichier «\u00a0vide.pdf\u00a0» est vide." });
    expect(await upload(applicantA, id, "vide.pdf", Buffer.alloc(0), { declare: false })).toMatchObject({ ok: false, message: "Le fichier «\u00a0vide.pdf\u00a0» est vide." });
    const big = pdfOfSize(LIMITS.fileBytes + 1);
    const tooBig = "Le fichier «\u00a0gros.pdf\u00a0» dépasse 10\u00a0Mo (taille maximale d’un fichier).";
    // Announced too big: refused before a byte is read. Not announced: cut by the meter at the limit.
    expect(await upload(applicantA, id, "gros.pdf", big)).toMatchObject({ ok: false, code: "INVALID_INPUT", message: tooBig });
    expect(await upload(applicantA, id, "gros.pdf", big, { declare: false })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: tooBig });
    // A body shorter than announced (a cut connection) is not kept either.
    expect(await uploadAttachment(applicantA, { dossierId: id, fileName: "coupe.pdf", declaredBytes: pdf.length + 10, body: Readable.from([pdf]) }, storage)).toMatchObject({ ok: false, code: "RETRYABLE" });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts exactly 10 Mo, and at most 30 Mo and 10 files per dossier", async () => {
    const id = await newDraft();
    for (const n of [1, 2, 3]) expect(await upload(applicantA, id, `annexe-${n}.pdf`, pdfOfSize(LIMITS.fileBytes))).toMatchObject({ ok: true });
    const before = await snapshot();
    const over = await upload(applicantA, id, "annexe-4.pdf", pdf, { declare: false });
    expect(over).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(!over.ok && over.message).toMatch(/^Le fichier «\u00a0annexe-4\.pdf\u00a0» ferait dépasser 30\u00a0Mo au total pour ce dossier \(déjà 30\u00a0Mo\)/);
    expect(await snapshot()).toEqual(before);

    const many = await newDraft();
    for (let n = 1; n <= LIMITS.filesPerDossier; n++) expect(await upload(applicantA, many, `piece-${n}.pdf`, pdf)).toMatchObject({ ok: true });
    const eleventh = await upload(applicantA, many, "piece-11.pdf", pdf);
    expect(eleventh).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "Ce dossier a déjà 10 pièces jointes, le maximum : retirez-en une avant d’ajouter «\u00a0piece-11.pdf\u00a0»." });
  });

  it("two uploads at once cannot pass the dossier's total together (checked again under the row lock)", async () => {
    const id = await newDraft();
    for (const n of [1, 2]) expect(await upload(applicantA, id, `annexe-${n}.pdf`, pdfOfSize(LIMITS.fileBytes))).toMatchObject({ ok: true });
    const results = await Promise.all([upload(applicantA, id, "a.pdf", pdfOfSize(6 * 1024 * 1024)), upload(applicantA, id, "b.pdf", pdfOfSize(6 * 1024 * 1024))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const total = await db.dossierAttachment.aggregate({ where: { dossierId: id }, _sum: { sizeBytes: true } });
    expect(total._sum.sizeBytes).toBeLessThanOrEqual(LIMITS.dossierBytes);
    const keys = (await db.dossierAttachment.findMany({ where: { dossierId: id }, select: { storageKey: true } })).map((r) => r.storageKey).sort();
    const onDisk = (await readdir(root, { recursive: true })).filter((f) => keys.some((k) => f.endsWith(k)));
    expect(onDisk).toHaveLength(3);
  });

  it("refuses another administration, staff and jurors, and anything but an editable dossier; nothing changes", async () => {
    const id = await newDraft();
    const before = await snapshot();
    for (const actor of [applicantB, staff, jury, admin]) expect(await upload(actor, id, "budget.pdf", pdf)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await upload(applicantA, randomUUID(), "budget.pdf", pdf)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await upload(applicantA, "pas-un-uuid", "budget.pdf", pdf)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await upload(applicantA, id, "", pdf)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot()).toEqual(before);

    await submit(id);
    const frozen = await snapshot();
    expect(await upload(applicantA, id, "budget.pdf", pdf)).toMatchObject({ ok: false, code: "FORBIDDEN", message: "Ce dossier a été déposé : ses pièces jointes ne peuvent plus être modifiées." });
    expect(await snapshot()).toEqual(frozen);
  });

  it("refuses a draft whose call no longer accepts submissions", async () => {
    const closed = await db.dossier.create({
      data: { id: randomUUID(), callId: (await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } })).id, administrationId: applicantA.administrationId!, title: "", summary: "", content: {} },
    });
    expect(await upload(applicantA, closed.id, "budget.pdf", pdf)).toMatchObject({ ok: false, code: "DEADLINE_PASSED" });
    await db.dossier.delete({ where: { id: closed.id } });
  });

  it("reopens for a correction requested by staff", async () => {
    const id = await newDraft();
    await submit(id);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(await requestCorrection(staff, { dossierId: id, message: "Ajoutez la délibération du conseil.", dueDate: due })).toMatchObject({ ok: true });
    expect(await upload(applicantA, id, "deliberation.pdf", pdf)).toMatchObject({ ok: true });
  });
});

describe("downloading", () => {
  it("the administration always; the call's staff and admins once submitted; nobody else", async () => {
    const id = await newDraft();
    const r = await upload(applicantA, id, "budget.pdf", pdf);
    if (!r.ok) throw new Error(r.message);
    const opened = await openAttachment(applicantA, id, r.data.id, storage);
    expect(opened).toMatchObject({ fileName: "budget.pdf", mimeType: "application/pdf", sizeBytes: pdf.length });
    expect((await readAll(opened!.body)).equals(pdf)).toBe(true);
    // A draft is the administration's only.
    for (const actor of [applicantB, staff, jury, admin]) expect(await openAttachment(actor, id, r.data.id, storage)).toBeNull();

    await submit(id);
    for (const actor of [staff, admin]) {
      const file = await openAttachment(actor, id, r.data.id, storage);
      expect(file).not.toBeNull();
      file!.body.destroy();
    }
    for (const actor of [applicantB, jury]) expect(await openAttachment(actor, id, r.data.id, storage)).toBeNull();
    // Staff of another call only.
    const otherCall = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
    const staffElsewhere: Actor = { ...staff, grants: [{ role: "STAFF", callId: otherCall.id }] };
    expect(await openAttachment(staffElsewhere, id, r.data.id, storage)).toBeNull();
    // The right file id under another dossier, and garbage ids.
    expect(await openAttachment(applicantA, await newDraft(), r.data.id, storage)).toBeNull();
    expect(await openAttachment(applicantA, "x", "y", storage)).toBeNull();

    // The receipt and the staff view list it.
    expect((await getAcknowledgement(applicantA, id))?.attachments.map((a) => a.fileName)).toEqual(["budget.pdf"]);
    expect((await getStaffDossier(staff, DEMO_ROLLING_SLUG, id))?.attachments.map((a) => a.fileName)).toEqual(["budget.pdf"]);
  });
});

describe("removing", () => {
  it("removes the row and the stored bytes while the dossier is editable, audited; others get a 404", async () => {
    const id = await newDraft();
    const r = await upload(applicantA, id, "budget.pdf", pdf);
    if (!r.ok) throw new Error(r.message);
    const before = await snapshot();
    for (const actor of [applicantB, staff, admin]) expect(await removeAttachment(actor, { dossierId: id, attachmentId: r.data.id }, storage)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await removeAttachment(applicantA, { dossierId: id, attachmentId: randomUUID() }, storage)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await removeAttachment(applicantA, { dossierId: 1, attachmentId: null }, storage)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);

    expect(await removeAttachment(applicantA, { dossierId: id, attachmentId: r.data.id }, storage)).toEqual({ ok: true, data: { removed: "budget.pdf" } });
    expect(await db.dossierAttachment.count({ where: { id: r.data.id } })).toBe(0);
    expect(await openAttachment(applicantA, id, r.data.id, storage)).toBeNull();
    expect(await storedFiles()).toBe(before.objects - 1);
    expect(await db.auditEvent.count({ where: { action: "dossier.attachmentRemoved", entityId: id } })).toBe(1);
  });

  it("is refused once the dossier has been submitted", async () => {
    const id = await newDraft();
    const r = await upload(applicantA, id, "budget.pdf", pdf);
    if (!r.ok) throw new Error(r.message);
    await submit(id);
    expect(await removeAttachment(applicantA, { dossierId: id, attachmentId: r.data.id }, storage)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.dossierAttachment.count({ where: { id: r.data.id } })).toBe(1);
  });
});

describe("with the S3-compatible store", () => {
  it("uploads, downloads and removes through the same mutations", async () => {
    const s3 = await startS3Server("laureat-int");
    try {
      const store = new S3Storage({ bucket: "laureat-int", endpoint: s3.endpoint, region: "us-east-1", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true, prefix: "" });
      const id = await newDraft();
      const r = await upload(applicantA, id, "budget.pdf", pdf, { store, declare: false });
      if (!r.ok) throw new Error(r.message);
      const opened = await openAttachment(applicantA, id, r.data.id, store);
      expect((await readAll(opened!.body)).equals(pdf)).toBe(true);
      // A lying file never stays in the bucket.
      expect(await upload(applicantA, id, "photo.pdf", PNG_1X1, { store })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(await removeAttachment(applicantA, { dossierId: id, attachmentId: r.data.id }, store)).toMatchObject({ ok: true });
      const left = (await readdir(path.join(s3.directory, "laureat-int"), { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith("."));
      expect(left.filter((e) => !e.name.endsWith("._S3rver_metadata.json") && !e.name.endsWith("._S3rver_object.md5"))).toEqual([]);
    } finally {
      await s3.stop();
    }
  });
});
