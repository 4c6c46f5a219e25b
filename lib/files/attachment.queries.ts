import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import { isUuid } from "@/lib/validation/ids";
import { fileStorage, type FileStorage } from "./storage";

export type OpenedAttachment = { fileName: string; mimeType: string; sizeBytes: number; body: Readable };

/**
 * A file to download, or null (404) when the actor may not see it: not a
 * member of the dossier's administration nor staff of its call, a draft for
 * staff, another dossier's file, a missing object.
 */
export async function openAttachment(actor: Actor, dossierId: unknown, attachmentId: unknown, storage: FileStorage = fileStorage()): Promise<OpenedAttachment | null> {
  if (!isUuid(dossierId) || !isUuid(attachmentId)) return null;
  const file = await db.dossierAttachment.findFirst({
    where: { id: attachmentId, dossierId },
    select: { fileName: true, mimeType: true, sizeBytes: true, storageKey: true, dossier: { select: { administrationId: true, callId: true, status: true } } },
  });
  if (!file || !can(actor, "attachment.download", file.dossier)) return null;
  const body = await storage.get(file.storageKey);
  if (!body) return null;
  return { fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, body };
}
