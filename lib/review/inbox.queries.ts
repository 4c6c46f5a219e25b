import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import { PAGE_SIZE, type InboxFilters } from "./inbox.schema";
import { inboxCountSql, inboxPageSql, inboxPageWithTotalSql, nextCursor, onlyStatusFilters, type InboxSqlRow } from "./inbox.sql";
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

/** The staff inbox of a call, or null when the actor may not see it. */
export async function getInbox(actor: Actor, slug: string, filters: InboxFilters): Promise<InboxPage | null> {
  const call = await db.call.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      decisionsReleasedAt: true,
      categories: { orderBy: { position: "asc" }, select: { key: true, label: true } },
    },
  });
  if (!call || !can(actor, "review.inbox", call)) return null;
  // « Mes dossiers »: the viewer's own id, never one from the URL for "me".
  const f: InboxFilters = filters.assignee === "me" ? { ...filters, assignee: actor.userId } : filters;
  // Only statuses narrow the list: its total is the sum of the counts per
  // status read anyway. Otherwise the page query carries the total itself.
  const countFromStatuses = onlyStatusFilters(f);
  const [rows, counts, ministries, staff, tags, pendingDecisions, views] = await Promise.all([
    db.$queryRaw<(InboxSqlRow & { total?: number })[]>(countFromStatuses ? inboxPageSql(call.id, f) : inboxPageWithTotalSql(call.id, f)),
    db.dossier.groupBy({ by: ["status"], where: { callId: call.id, status: { not: "DRAFT" } }, _count: { _all: true } }),
    db.ministry.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
    listCallStaff(call.id),
    db.reviewTag.findMany({ where: { callId: call.id }, orderBy: { label: "asc" }, select: { id: true, label: true, colour: true } }),
    db.preselectionDecision.count({ where: { releasedAt: null, dossier: { callId: call.id } } }),
    listInboxViews(actor, call.id),
  ]);
  const statusCounts: Record<string, number> = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
  const total = countFromStatuses
    ? Object.entries(statusCounts).reduce((sum, [status, n]) => sum + (f.statuses.length === 0 || (f.statuses as string[]).includes(status) ? n : 0), 0)
    : // A cursor past the last row: no row carries the total, count it.
      (rows[0]?.total ?? (await db.$queryRaw<[{ total: number }]>(inboxCountSql(call.id, f)))[0].total);
  const page = rows.slice(0, PAGE_SIZE);
  const review = await db.dossier.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: { id: true, preselection: { select: { decision: true, releasedAt: true } }, tags: { select: { tagId: true } }, assignments: { select: { userId: true } } },
  });
  const byId = new Map(review.map((r) => [r.id, r]));
  return {
    call: { id: call.id, slug: call.slug, title: call.title, categories: call.categories, decisionsReleasedAt: call.decisionsReleasedAt },
    rows: page.map(({ sortValue: _sortValue, total: _total, ...row }) => {
      const r = byId.get(row.id);
      return {
        ...row,
        review: {
          decision: r?.preselection?.decision ?? null,
          released: !!r?.preselection?.releasedAt,
          tags: r?.tags.map((t) => t.tagId) ?? [],
          assignees: r?.assignments.map((a) => a.userId) ?? [],
        },
      };
    }),
    total,
    statusCounts,
    next: nextCursor(rows),
    ministries,
    staff,
    tags,
    pendingDecisions,
    views,
  };
}
