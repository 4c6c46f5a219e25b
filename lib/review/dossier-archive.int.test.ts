import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/files/storage";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { unzip } from "@/lib/testing/unzip";
import { openDossierArchive } from "./dossier-archive.queries";
import { zipStream } from "./zip.stream";

let staff: Actor;
let applicant: Actor;
let juror: Actor;
let dossier: { id: string; reference: string | null; title: string; content: unknown; requestedCents: bigint };

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  await seedDemo(db);
  staff = await actorByEmail("instruction@demo.laureat.fr");
  applicant = await actorByEmail("candidat@demo.laureat.fr");
  juror = await actorByEmail("jury@demo.laureat.fr");
  dossier = await db.dossier.findFirstOrThrow({
    where: { call: { slug: DEMO_CALL_SLUG }, status: "LAUREATE" },
    orderBy: { reference: "asc" },
    select: { id: true, reference: true, title: true, content: true, requestedCents: true },
  });
});

async function read(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("dossier ZIP for staff", () => {
  it("holds the receipt PDF and dossier.json with the submitted content, and is audited", async () => {
    const audits = await db.auditEvent.count({ where: { action: "review.dossier.archive", entityId: dossier.id } });
    const archive = await openDossierArchive(staff, DEMO_CALL_SLUG, dossier.id, new Date("2026-12-01T10:00:00Z"));
    expect(archive!.fileName).toBe(`dossier-${dossier.reference}.zip`);
    const files = unzip(await read(zipStream(archive!.entries)));
    expect([...files.keys()]).toEqual([`accuse-de-reception-${dossier.reference}.pdf`, "dossier.json"]);
    expect(files.get(`accuse-de-reception-${dossier.reference}.pdf`)!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const json = JSON.parse(files.get("dossier.json")!.toString("utf8")) as Record<string, unknown>;
    expect(json).toMatchObject({ reference: dossier.reference, title: dossier.title, status: "LAUREATE", requestedCents: dossier.requestedCents.toString(), exportedAt: "2026-12-01T10:00:00.000Z" });
    expect(json.content).toEqual(dossier.content);
    // Staff-only data stays out of the archive.
    expect(Object.keys(json)).not.toContain("annotations");
    expect(await db.auditEvent.count({ where: { action: "review.dossier.archive", entityId: dossier.id } })).toBe(audits + 1);
  });

  it("adds each attachment under pieces-jointes/, byte for byte, read from the file store", async () => {
    const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), "laureat-archive-")));
    const bytes = Buffer.from("%PDF-1.4\n% pièce jointe de test\n%%EOF\n", "latin1");
    const storageKey = randomUUID();
    await storage.put(storageKey, bytes, { contentType: "application/pdf", size: bytes.length });
    const attachment = await db.dossierAttachment.create({
      data: { id: randomUUID(), dossierId: dossier.id, storageKey, fileName: "annexe.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") },
    });
    try {
      const archive = await openDossierArchive(staff, DEMO_CALL_SLUG, dossier.id, new Date("2026-12-01T10:00:00Z"), storage);
      const files = unzip(await read(zipStream(archive!.entries)));
      expect([...files.keys()]).toEqual([`accuse-de-reception-${dossier.reference}.pdf`, "dossier.json", "pieces-jointes/01-annexe.pdf"]);
      expect(files.get("pieces-jointes/01-annexe.pdf")!.equals(bytes)).toBe(true);
      const json = JSON.parse(files.get("dossier.json")!.toString("utf8")) as { attachments: unknown[] };
      expect(json.attachments).toEqual([{ fileName: "annexe.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, sha256: attachment.sha256 }]);
    } finally {
      await db.dossierAttachment.delete({ where: { id: attachment.id } });
    }
  });

  it("is refused to applicants, jurors, the anonymous, through another call's slug, and for an unknown id", async () => {
    for (const viewer of [applicant, juror, null]) expect(await openDossierArchive(viewer, DEMO_CALL_SLUG, dossier.id)).toBeNull();
    expect(await openDossierArchive(staff, DEMO_ROLLING_SLUG, dossier.id)).toBeNull();
    expect(await openDossierArchive(staff, DEMO_CALL_SLUG, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
