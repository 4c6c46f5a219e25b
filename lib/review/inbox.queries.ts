import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import { PAGE_SIZE, type InboxFilters } from "./inbox.schema";
import { inboxCountSql, inboxPageSql, nextCursor, onlyStatusFilters, type InboxSqlRow } from "./inbox.sql";

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
  const countFromStatuses = onlyStatusFilters(filters);
  const [rows, counted, counts, ministries] = await Promise.all([
    db.$queryRaw<InboxSqlRow[]>(inboxPageSql(call.id, filters)),
    countFromStatuses ? Promise.resolve(null) : (db.$queryRaw<{ total: number }[]>(inboxCountSql(call.id, filters)) as Promise<[{ total: number }]>),
    db.dossier.groupBy({ by: ["status"], where: { callId: call.id, status: { not: "DRAFT" } }, _count: { _all: true } }),
    db.ministry.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
  ]);
  const statusCounts: Record<string, number> = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
  const total = counted
    ? counted[0].total
    : Object.entries(statusCounts).reduce((sum, [status, n]) => sum + (filters.statuses.length === 0 || (filters.statuses as string[]).includes(status) ? n : 0), 0);
  return {
    call: { id: call.id, slug: call.slug, title: call.title, categories: call.categories },
    rows: rows.slice(0, PAGE_SIZE).map(({ sortValue: _sortValue, ...row }) => row),
    total,
    statusCounts,
    next: nextCursor(rows),
    ministries,
  };
}
