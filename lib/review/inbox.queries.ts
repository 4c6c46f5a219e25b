import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { PAGE_SIZE, type InboxFilters } from "./inbox.schema";
import { inboxCallSql, inboxCountSql, inboxPageSql, inboxSideSql, inboxPageWithTotalSql, nextCursor, onlyStatusFilters, type InboxReviewColumns, type InboxSqlRow } from "./inbox.sql";
import { listInboxViews, type InboxViewDto } from "./inbox-view.queries";
import { listCallStaff, type StaffMember, type TagDto } from "./review.queries";
import type { PreselectionKind } from "./review.schema";

export type InboxCall = { id: string; slug: string; title: string; categories: { key: string; label: string }[]; decisionsReleasedAt: Date | null };

/** Review data of a row, read for the page's rows only. */
export type RowReview = { decision: PreselectionKind | null; released: boolean; tags: string[]; assignees: string[] };

export type InboxPage = {
  call: InboxCall;
  rows: (Omit<InboxSqlRow, "sortValue"> & { review: RowReview })[];
  total: number;
  statusCounts: Record<string, number>;
  next: string | null;
  ministries: { code: string; name: string }[];
  staff: StaffMember[];
  tags: TagDto[];
  pendingDecisions: number;
  /** The viewer's saved views of this call (never anyone else's). */
  views: InboxViewDto[];
};

type SideData = { statusCounts: Record<string, number>; ministries: { code: string; name: string }[]; tags: TagDto[]; pendingDecisions: number };

/**
 * The staff inbox of a call, or null when the actor may not see it.
 *
 * Two round trips: the call (with its categories), then, at once, the page
 * (its rows' review data included), the side data (counts per status,
 * ministries, labels, decisions awaiting release), the call's staff and the
 * viewer's saved views. Fourteen statements in six round trips before
 * (bench/staff-inbox): each costs the Node process more than PostgreSQL.
 */
export async function getInbox(actor: Actor, slug: string, filters: InboxFilters): Promise<InboxPage | null> {
  const [call] = await db.$queryRaw<(InboxCall & { phase: CallPhase })[]>(inboxCallSql(slug));
  if (!call || !can(actor, "review.inbox", call)) return null;
  // « Mes dossiers »: the viewer's own id, never one from the URL for "me".
  const f: InboxFilters = filters.assignee === "me" ? { ...filters, assignee: actor.userId } : filters;
  // Only statuses narrow the list: its total is the sum of the counts per
  // status read anyway. Otherwise the page query carries the total itself.
  const countFromStatuses = onlyStatusFilters(f);
  const [rows, [side], staff, views] = await Promise.all([
    db.$queryRaw<(InboxSqlRow & InboxReviewColumns & { total?: number })[]>(countFromStatuses ? inboxPageSql(call.id, f) : inboxPageWithTotalSql(call.id, f)),
    db.$queryRaw<[SideData]>(inboxSideSql(call.id)),
    listCallStaff(call.id),
    listInboxViews(actor, call.id),
  ]);
  const statusCounts = side!.statusCounts;
  const total = countFromStatuses
    ? Object.entries(statusCounts).reduce((sum, [status, n]) => sum + (f.statuses.length === 0 || (f.statuses as string[]).includes(status) ? n : 0), 0)
    : // A cursor past the last row: no row carries the total, count it.
      (rows[0]?.total ?? (await db.$queryRaw<[{ total: number }]>(inboxCountSql(call.id, f)))[0].total);
  return {
    call: { id: call.id, slug: call.slug, title: call.title, categories: call.categories, decisionsReleasedAt: call.decisionsReleasedAt },
    rows: rows.slice(0, PAGE_SIZE).map(({ sortValue: _sortValue, total: _total, decision, released, tagIds, assigneeIds, ...row }) => ({
      ...row,
      review: { decision: decision as PreselectionKind | null, released: !!released, tags: tagIds, assignees: assigneeIds },
    })),
    total,
    statusCounts,
    next: nextCursor(rows),
    ministries: side!.ministries,
    staff,
    tags: side!.tags,
    pendingDecisions: side!.pendingDecisions,
    views,
  };
}
