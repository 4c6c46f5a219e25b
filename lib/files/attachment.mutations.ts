import "server-only";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit } from "@/lib/audit/audit";
import { submissionWindow } from "@/lib/dossiers/deadline";
import { logRefusal } from "@/lib/dossiers/dossier.events";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, ok, type Err, type Result } from "@/lib/server/result";
import { isUuid } from "@/lib/validation/ids";
import { ALLOWED_TYPES, checkContent, detectKind, formatBytes, isAllowedKind, LIMITS, sanitiseFileName } from "./file-type";
import type { AttachmentDto } from "./attachment.schema";
import { fileStorage, type FileStorage } from "./storage";
import { clearSweepCandidate, markSweepCandidate } from "./sweep";
import { LimitExceededError, UploadMeter } from "./upload-stream";

/** Files can be added or removed while the dossier can be written: a draft, or after staff asked for a correction. */
const EDITABLE: DossierStatus[] = ["DRAFT", "CORRECTION_REQUESTED"];
const NOT_FOUND = "Ce dossier est introuvable.";


function refuse<T extends Err>(action: string, actor: Actor | null, dossierId: string | null, err: T): T {
  logRefusal(action, actor?.userId ?? null, dossierId, err.code, err.message);
  return err;
}

type EditableDossier = {
  id: string;
  callId: string;
  administrationId: string;
  status: DossierStatus;
  call: { kind: "CALL" | "ROLLING"; phase: string; opensAt: Date; closesAt: Date | null };
};

/** Same rules as saving a draft, plus the deadline: nothing may change on a draft the call no longer accepts. */
function checkEditable(actor: Actor, action: "attachment.upload" | "attachment.remove", dossier: EditableDossier | null, now: Date): Err | null {
  if (!dossier || !can(actor, action, dossier)) return fail("NOT_FOUND", NOT_FOUND);
  if (!EDITABLE.includes(dossier.status)) return fail("FORBIDDEN", "Ce dossier a été déposé : ses pièces jointes ne peuvent plus être modifiées.");
  if (dossier.status === "DRAFT" && !submissionWindow(dossier.call, now).open) {
    return fail("DEADLINE_PASSED", "Cet appel n’accepte plus de dépôt : les pièces jointes ne peuvent plus être modifiées.");
  }
  return null;
}

const dossierSelect = {
  id: true,
  callId: true,
  administrationId: true,
  status: true,
  call: { select: { kind: true, phase: true, opensAt: true, closesAt: true } },
} as const;

async function usage(client: Tx | typeof db, dossierId: string) {
  const agg = await client.dossierAttachment.aggregate({ where: { dossierId }, _count: { _all: true }, _sum: { sizeBytes: true } });
  return { count: agg._count._all, bytes: agg._sum.sizeBytes ?? 0 };
}

function checkRoom(name: string, size: number, used: { count: number; bytes: number }): Err | null {
  if (used.count >= LIMITS.filesPerDossier) {
    return fail("INVALID_INPUT", `Ce dossier a déjà ${LIMITS.filesPerDossier} pièces jointes, le maximum : retirez-en une avant d’ajouter «\u00a0${name}\u00a0».`);
  }
  if (used.bytes + size > LIMITS.dossierBytes) {
    return fail(
      "INVALID_INPUT",
      `Le fichier «\u00a0${name}\u00a0» ferait dépasser ${formatBytes(LIMITS.dossierBytes)} au total pour ce dossier (déjà ${formatBytes(used.bytes)}) : retirez une pièce jointe ou réduisez ce fichier.`,
    );
  }
  return null;
}

async function lockDossier(tx: Tx, dossierId: string, administrationId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    select id from dossier where id = ${dossierId}::uuid and administration_id = ${administrationId}::uuid for update`;
  return rows.length === 1;
}

async function discard(storage: FileStorage, key: string) {
  try {
    await storage.delete(key);
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", event: "attachment.orphan", key, error: String(error) }));
  }
}

export type UploadInput = {
  dossierId: unknown;
  /** The name the browser gave, untrusted. */
  fileName: unknown;
  /** The Content-Length the client announced, if any. */
  declaredBytes?: number | null;
  body: Readable | ReadableStream<Uint8Array> | null;
};

/**
 * Adds a file to a dossier. The body is streamed to the store through a meter
 * that stops at the limit; the type is read from the bytes; the row and its
 * audit event are written under the dossier's row lock, where the limits are
 * checked again (two uploads at once cannot pass 30 Mo together). Anything
 * refused after the bytes were stored removes them.
 */
export async function uploadAttachment(actor: Actor, input: UploadInput, storage: FileStorage = fileStorage(), now = new Date()): Promise<Result<AttachmentDto>> {
  const { dossierId } = input;
  if (!isUuid(dossierId)) return refuse("attachment.upload", actor, null, fail("NOT_FOUND", NOT_FOUND));
  const dossier = await db.dossier.findFirst({
    // Scoped by the session: another administration's dossier does not exist here.
    where: { id: dossierId, administrationId: actor.administrationId ?? "00000000-0000-0000-0000-000000000000" },
    select: dossierSelect,
  });
  const denied = checkEditable(actor, "attachment.upload", dossier, now);
  if (denied) return refuse("attachment.upload", actor, dossierId, denied);

  if (typeof input.fileName !== "string" || input.fileName.trim() === "" || input.fileName.length > 1000) {
    return refuse("attachment.upload", actor, dossierId, fail("INVALID_INPUT", "Indiquez le nom du fichier.", { file: ["Indiquez le nom du fichier."] }));
  }
  const name = sanitiseFileName(input.fileName);
  const invalid = (message: string) => refuse("attachment.upload", actor, dossierId, fail("INVALID_INPUT", message, { file: [message] }));

  const used = await usage(db, dossierId);
  const declared = typeof input.declaredBytes === "number" && Number.isFinite(input.declaredBytes) ? input.declaredBytes : null;
  if (declared !== null && declared > LIMITS.fileBytes) return invalid(checkContent(name, declared, "unknown")!);
  const noRoom = checkRoom(name, declared ?? 0, used);
  if (noRoom) return refuse("attachment.upload", actor, dossierId, { ...noRoom, fieldErrors: { file: [noRoom.message] } });
  if (declared === 0 || !input.body) return invalid(checkContent(name, 0, "unknown")!);

  const meter = new UploadMeter(Math.min(LIMITS.fileBytes, LIMITS.dossierBytes - used.bytes));
  const source = input.body instanceof Readable ? input.body : Readable.fromWeb(input.body as import("node:stream/web").ReadableStream<Uint8Array>);
  source.once("error", (error) => meter.destroy(error));
  // The store may start reading a moment later (a directory to create): the error is kept on the stream (`errored`) for it.
  meter.on("error", () => {});
  const key = randomUUID();
  // Registered before the bytes: should this process die before the row is written, the sweep deletes them.
  await markSweepCandidate(db, key);
  try {
    await storage.put(key, source.pipe(meter), { contentType: "application/octet-stream" });
  } catch (error) {
    source.destroy();
    await discard(storage, key);
    if (error instanceof LimitExceededError) {
      if (meter.bytes > LIMITS.fileBytes) return invalid(checkContent(name, meter.bytes, "unknown")!);
      const full = checkRoom(name, meter.bytes, used)!;
      return invalid(full.message);
    }
    if (source.errored || meter.errored) {
      return refuse("attachment.upload", actor, dossierId, fail("RETRYABLE", `L’envoi de «\u00a0${name}\u00a0» a été interrompu : réessayez.`));
    }
    throw error;
  }
  // A body shorter than announced: the connection was cut (or a proxy truncated it).
  if (declared !== null && meter.bytes !== declared) {
    await discard(storage, key);
    return refuse("attachment.upload", actor, dossierId, fail("RETRYABLE", `L’envoi de «\u00a0${name}\u00a0» a été interrompu : réessayez.`));
  }
  const kind = detectKind(meter.head, meter.tail);
  const problem = checkContent(name, meter.bytes, kind);
  if (problem || !isAllowedKind(kind)) {
    await discard(storage, key);
    return invalid(problem ?? "Type de fichier refusé.");
  }

  const id = randomUUID();
  const row = { id, dossierId, storageKey: key, fileName: name, mimeType: ALLOWED_TYPES[kind].mime, sizeBytes: meter.bytes, sha256: meter.sha256, uploadedById: actor.userId, createdAt: now };
  const result = await db.$transaction(async (tx): Promise<Result<AttachmentDto>> => {
    if (!(await lockDossier(tx, dossierId, dossier!.administrationId))) return fail("NOT_FOUND", NOT_FOUND);
    const locked = await tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: dossierSelect });
    const stillDenied = checkEditable(actor, "attachment.upload", locked, new Date(Math.max(now.getTime(), Date.now())));
    if (stillDenied) return stillDenied;
    const full = checkRoom(name, meter.bytes, await usage(tx, dossierId));
    if (full) return { ...full, fieldErrors: { file: [full.message] } };
    await tx.dossierAttachment.create({ data: row });
    await clearSweepCandidate(tx, key);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "dossier.attachmentAdded",
      entityType: "dossier",
      entityId: dossierId,
      data: { attachmentId: id, fileName: name, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256 },
    });
    return ok({ id, fileName: name, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256, createdAt: now.toISOString() });
  });
  if (!result.ok) {
    await discard(storage, key);
    return refuse("attachment.upload", actor, dossierId, result);
  }
  return result;
}

/** Removes a file from a dossier that can still be written; the bytes are deleted once the row is gone. */
export async function removeAttachment(actor: Actor, raw: unknown, storage: FileStorage = fileStorage(), now = new Date()): Promise<Result<{ removed: string }>> {
  const input = (raw ?? {}) as { dossierId?: unknown; attachmentId?: unknown };
  const { dossierId, attachmentId } = input;
  if (!isUuid(dossierId) || !isUuid(attachmentId)) return refuse("attachment.remove", actor, null, fail("NOT_FOUND", "Cette pièce jointe est introuvable."));
  const administrationId = actor.administrationId;
  if (!administrationId) return refuse("attachment.remove", actor, dossierId, fail("NOT_FOUND", NOT_FOUND));
  const result = await db.$transaction(async (tx): Promise<Result<{ removed: string; key: string }>> => {
    if (!(await lockDossier(tx, dossierId, administrationId))) return fail("NOT_FOUND", NOT_FOUND);
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: dossierSelect });
    const denied = checkEditable(actor, "attachment.remove", dossier, now);
    if (denied) return denied;
    const file = await tx.dossierAttachment.findFirst({ where: { id: attachmentId, dossierId }, select: { id: true, storageKey: true, fileName: true, sha256: true, sizeBytes: true } });
    if (!file) return fail("NOT_FOUND", "Cette pièce jointe est introuvable.");
    await tx.dossierAttachment.delete({ where: { id: file.id } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "dossier.attachmentRemoved",
      entityType: "dossier",
      entityId: dossierId,
      data: { attachmentId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    });
    return ok({ removed: file.fileName, key: file.storageKey });
  });
  if (!result.ok) return refuse("attachment.remove", actor, dossierId, result);
  await discard(storage, result.data.key);
  return ok({ removed: result.data.removed });
}
