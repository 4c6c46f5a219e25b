/** An attachment as the browser and the pages see it (plain, serialisable). */
export type AttachmentDto = { id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; createdAt: string };

/** The Prisma select behind an AttachmentDto, oldest first: for the queries that list a dossier's files. */
export const attachmentListSelect = {
  orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
  select: { id: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true },
};

export const toAttachmentDto = (r: { id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; createdAt: Date }): AttachmentDto => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export const attachmentHref = (dossierId: string, attachmentId: string) => `/espace/dossiers/${dossierId}/pieces-jointes/${attachmentId}`;
export const uploadHref = (dossierId: string) => `/espace/dossiers/${dossierId}/pieces-jointes`;
