import "server-only";
import type { Viewer } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import type { ExportRow } from "./export.format";
import { encodeCursor, inboxSearchParams, parseInboxParams, type InboxFilters } from "./inbox.schema";
import { inboxPageSql, type InboxSqlRow } from "./inbox.sql";

export const EXPORT_BATCH_SIZE = 1_000;

export type InboxExport = { call: { id: string; slug: string }; filters: InboxFilters };

/**
 * Opens an export of a call's inbox for `viewer`: null (a 404) when the call
 * does not exist or the viewer is not its staff. The filters are read by the
 * inbox's own whitelisting parser (anything else is dropped); the export
 * starts at the first row whatever page the list was on. Recorded in the
 * audit log (who exported what, never the rows).
 */
export async function openInboxExport(
  viewer: Viewer,
  slug: string,
  params: Record<string, string | string[] | undefined>,
  format: "csv" | "xlsx",
): Promise<InboxExport | null> {
  if (!viewer) return null;
  const call = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, phase: true } });
  if (!call || !can(viewer, "review.export", call)) return null;
  const filters: InboxFilters = { ...parseInboxParams(params).filters, after: null };
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actorId: viewer.userId,
      action: "review.export",
      entityType: "call",
      entityId: call.id,
      data: { format, filters: inboxSearchParams({ ...filters, columns: undefined }).toString() },
    }),
  );
  return { call: { id: call.id, slug: call.slug }, filters };
}

/**
 * The export's rows, `batchSize` at a time, in the list's order: keyset
 * batches on the inbox's own query and indexes, so memory holds one batch
 * and a deep batch costs what the first does. Each batch is read at its own
 * instant (no snapshot across batches).
 */
export async function* inboxExportBatches(callId: string, filters: InboxFilters, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ExportRow[]> {
  let f: InboxFilters = { ...filters, after: null };
  for (;;) {
    const rows = await db.$queryRaw<InboxSqlRow[]>(inboxPageSql(callId, f, { limit: batchSize, review: false }));
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    f = { ...f, after: encodeCursor(last.sortValue, last.id) };
  }
}
