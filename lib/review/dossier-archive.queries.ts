import "server-only";
import type { Readable } from "node:stream";
import type { Viewer } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit } from "@/lib/audit/audit";
import { renderReceiptPdf } from "@/lib/dossiers/receipt-pdf";
import { attachmentListSelect, toAttachmentDto } from "@/lib/files/attachment.schema";
import { fileStorage, type FileStorage } from "@/lib/files/storage";
import { db } from "@/lib/server/db";

/** One file of the archive; its content is produced only when the ZIP stream reaches it. */
export type ArchiveEntry = { name: string; content: () => Promise<Uint8Array | string | Readable> };
export type DossierArchive = { fileName: string; entries: ArchiveEntry[] };

/**
 * A submitted dossier as staff download it (`…/dossiers/[id]/dossier.zip`):
 * the PDF the applicant received on submission and `dossier.json`, the
 * submitted content. Null (a 404) when the dossier is not a submitted dossier
 * of this call or the viewer is not the call's staff. Staff-only data
 * (annotations, decisions, ticks) is not included. Audited (who, which
 * dossier; never the content).
 *
 * The attachments (lib/files) follow under `pieces-jointes/`, each read from
 * the file store only when the ZIP stream reaches it: a large file is
 * streamed, not held.
 */
export async function openDossierArchive(viewer: Viewer, slug: string, id: string, now = new Date(), storage: FileStorage = fileStorage()): Promise<DossierArchive | null> {
  if (!viewer) return null;
  const d = await db.dossier.findFirst({
    where: { id, call: { slug }, status: { not: "DRAFT" }, reference: { not: null }, submittedAt: { not: null } },
    select: {
      id: true,
      callId: true,
      reference: true,
      title: true,
      summary: true,
      status: true,
      submittedAt: true,
      requestedCents: true,
      totalCostCents: true,
      content: true,
      administration: { select: { name: true, ministry: { select: { name: true } } } },
      category: { select: { key: true, label: true } },
      call: { select: { slug: true, title: true } },
      attachments: { ...attachmentListSelect, select: { ...attachmentListSelect.select, storageKey: true } },
    },
  });
  if (!d || !can(viewer, "review.read", d)) return null;
  const reference = d.reference!;
  const submittedAt = d.submittedAt!;
  await db.$transaction((tx) =>
    appendAudit(tx, { actorId: viewer.userId, action: "review.dossier.archive", entityType: "dossier", entityId: d.id, data: { format: "zip" } }),
  );
  const json = {
    reference,
    title: d.title,
    summary: d.summary,
    status: d.status,
    submittedAt: submittedAt.toISOString(),
    call: d.call,
    administration: { name: d.administration.name, ministry: d.administration.ministry.name },
    category: d.category,
    // Money in integer cents, as strings: JSON numbers lose precision past 2^53.
    requestedCents: d.requestedCents.toString(),
    totalCostCents: d.totalCostCents.toString(),
    content: d.content,
    attachments: d.attachments.map((a) => ({ fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, sha256: a.sha256 })),
    exportedAt: now.toISOString(),
  };
  const entries: ArchiveEntry[] = [
    {
      name: `accuse-de-reception-${reference}.pdf`,
      content: () =>
        renderReceiptPdf(
          {
            id: d.id,
            reference,
            title: d.title,
            callTitle: d.call.title,
            administrationName: d.administration.name,
            submittedAt,
            requestedCents: d.requestedCents,
            totalCostCents: d.totalCostCents,
            status: d.status,
            attachments: d.attachments.map(({ storageKey: _key, ...a }) => toAttachmentDto(a)),
          },
          now,
        ),
    },
    { name: "dossier.json", content: async () => `${JSON.stringify(json, null, 2)}\n` },
    ...d.attachments.map((a, i): ArchiveEntry => ({
      // Numbered: two files may bear the same name.
      name: `pieces-jointes/${String(i + 1).padStart(2, "0")}-${a.fileName}`,
      content: async () => {
        const body = await storage.get(a.storageKey);
        if (!body) throw new Error(`attachment ${a.id} is missing from the file store`);
        return body;
      },
    })),
  ];
  return { fileName: `dossier-${reference}.zip`, entries };
}
