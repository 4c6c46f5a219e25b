import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import { PAGE_SIZE, type InboxFilters } from "./inbox.schema";
import { inboxCountSql, inboxPageSql, inboxPageWithTotalSql, nextCursor, onlyStatusFilters, type InboxSqlRow } from "./inbox.sql";

export type InboxCall = { id: string; slug: string; title: string; categories: { key: string; label: string }[] };

export type InboxPage = {
  call: InboxCall;
  rows: Omit<InboxSqlRow, "sortValue">[];
  total: number;
  statusCounts: Record<string, number>;
  next: string | null;
  ministries: { code: string; name: string }[];
};

/** The staff inbox of a call, or null when the actor may not see it. */
export async function getInbox(actor: Actor, slug: string, filters: InboxFilters): Promise<InboxPage | null> {
  const call = await db.call.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, phase: true, categories: { orderBy: { position: "asc" }, select: { key: true, label: true } } },
  });
  if (!call || !can(actor, "review.inbox", call)) return null;
  // Only statuses narrow the list: its total is the sum of the counts per
  // status read anyway. Otherwise the page query carries the total itself.
  const countFromStatuses = onlyStatusFilters(filters);
  const [rows, counts, ministries] = await Promise.all([
    db.$queryRaw<(InboxSqlRow & { total?: number })[]>(countFromStatuses ? inboxPageSql(call.id, filters) : inboxPageWithTotalSql(call.id, filters)),
    db.dossier.groupBy({ by: ["status"], where: { callId: call.id, status: { not: "DRAFT" } }, _count: { _all: true } }),
    db.ministry.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
  ]);
  const statusCounts: Record<string, number> = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
  const total = countFromStatuses
    ? Object.entries(statusCounts).reduce((sum, [status, n]) => sum + (filters.statuses.length === 0 || (filters.statuses as string[]).includes(status) ? n : 0), 0)
    : // A cursor past the last row: no row carries the total, count it.
      (rows[0]?.total ?? (await db.$queryRaw<[{ total: number }]>(inboxCountSql(call.id, filters)))[0].total);
  return {
    call: { id: call.id, slug: call.slug, title: call.title, categories: call.categories },
    rows: rows.slice(0, PAGE_SIZE).map(({ sortValue: _sortValue, total: _total, ...row }) => row),
    total,
    statusCounts,
    next: nextCursor(rows),
    ministries,
  };
}
