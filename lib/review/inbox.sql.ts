import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, PAGE_SIZE, type InboxFilters, type SortKey } from "./inbox.schema";

/**
 * The inbox query, built from whitelisted fragments: no value from the URL is
 * ever concatenated into SQL, only bound. Shared by the page and the benchmark.
 */
const SORT_SQL: Record<SortKey, { expr: Prisma.Sql; cast: Prisma.Sql }> = {
  submittedAt: { expr: Prisma.sql`d.submitted_at`, cast: Prisma.sql`timestamptz` },
  reference: { expr: Prisma.sql`d.reference`, cast: Prisma.sql`text` },
  title: { expr: Prisma.sql`d.title`, cast: Prisma.sql`text` },
  administration: { expr: Prisma.sql`a.name`, cast: Prisma.sql`text` },
  ministry: { expr: Prisma.sql`m.name`, cast: Prisma.sql`text` },
  category: { expr: Prisma.sql`coalesce(c.label, '')`, cast: Prisma.sql`text` },
  requested: { expr: Prisma.sql`d.requested_cents`, cast: Prisma.sql`bigint` },
  status: { expr: Prisma.sql`d.status::text`, cast: Prisma.sql`text` },
};

export type InboxSqlRow = {
  id: string;
  reference: string | null;
  title: string;
  administration: string;
  administrationId: string;
  ministry: string;
  category: string | null;
  requestedCents: bigint;
  submittedAt: Date | null;
  status: string;
  sortValue: string | number | null;
};

export function inboxWhere(callId: string, f: InboxFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`d.call_id = ${callId}::uuid`, Prisma.sql`d.status <> 'DRAFT'`];
  if (f.q) {
    // The administration's name is matched through its own index, then
    // OR-ed on dossier indexes (a BitmapOr on one table).
    conditions.push(Prisma.sql`(
      to_tsvector('french', f_unaccent(d.title || ' ' || d.summary)) @@ websearch_to_tsquery('french', f_unaccent(${f.q}))
      or d.administration_id in (select id from administration
        where to_tsvector('french', f_unaccent(name)) @@ websearch_to_tsquery('french', f_unaccent(${f.q}))))`);
  }
  if (f.statuses.length) conditions.push(Prisma.sql`d.status::text in (${Prisma.join(f.statuses)})`);
  if (f.categories.length) conditions.push(Prisma.sql`c.key in (${Prisma.join(f.categories)})`);
  if (f.ministries.length) conditions.push(Prisma.sql`m.code in (${Prisma.join(f.ministries)})`);
  if (f.administrationId) conditions.push(Prisma.sql`d.administration_id = ${f.administrationId}::uuid`);
  if (f.minEuros !== null) conditions.push(Prisma.sql`d.requested_cents >= ${BigInt(f.minEuros) * 100n}`);
  if (f.maxEuros !== null) conditions.push(Prisma.sql`d.requested_cents <= ${BigInt(f.maxEuros) * 100n}`);
  // Review filters ("me" is resolved to the viewer's id by the query before it gets here).
  if (f.assignee && f.assignee !== "me") {
    conditions.push(Prisma.sql`exists (select 1 from review_assignment ra where ra.dossier_id = d.id and ra.user_id = ${f.assignee}::uuid)`);
  }
  if (f.tag) conditions.push(Prisma.sql`exists (select 1 from review_dossier_tag rt where rt.dossier_id = d.id and rt.tag_id = ${f.tag}::uuid)`);
  if (f.decision === "NONE") conditions.push(Prisma.sql`not exists (select 1 from preselection_decision pd where pd.dossier_id = d.id)`);
  if (f.decision === "PENDING") conditions.push(Prisma.sql`exists (select 1 from preselection_decision pd where pd.dossier_id = d.id and pd.released_at is null)`);
  if (f.decision === "PRESELECTED" || f.decision === "NOT_PRESELECTED") {
    conditions.push(Prisma.sql`exists (select 1 from preselection_decision pd where pd.dossier_id = d.id and pd.decision::text = ${f.decision})`);
  }
  return Prisma.join(conditions, " and ");
}

const FROM = Prisma.sql`dossier d
  join administration a on a.id = d.administration_id
  join ministry m on m.id = a.ministry_id
  left join call_category c on c.id = d.category_id`;

export function inboxPageSql(callId: string, f: InboxFilters): Prisma.Sql {
  const { expr, cast } = SORT_SQL[f.sort];
  const dir = f.dir === "desc" ? Prisma.sql`desc` : Prisma.sql`asc`;
  const where = [inboxWhere(callId, f)];
  const cursor = f.after ? decodeCursor(f.after) : null;
  if (cursor) {
    const [value, id] = cursor;
    where.push(
      f.dir === "desc"
        ? Prisma.sql`(${expr}, d.id) < (${value}::${cast}, ${id}::uuid)`
        : Prisma.sql`(${expr}, d.id) > (${value}::${cast}, ${id}::uuid)`,
    );
  }
  return Prisma.sql`
    select d.id, d.reference, d.title, a.name as administration, a.id as "administrationId", m.name as ministry,
      c.label as category, d.requested_cents as "requestedCents", d.submitted_at as "submittedAt", d.status::text as status,
      ${expr}::text as "sortValue"
    from ${FROM}
    where ${Prisma.join(where, " and ")}
    order by ${expr} ${dir}, d.id ${dir}
    limit ${PAGE_SIZE + 1}`;
}

export function inboxCountSql(callId: string, f: InboxFilters): Prisma.Sql {
  return Prisma.sql`select count(*)::int as total from ${FROM} where ${inboxWhere(callId, f)}`;
}

export function nextCursor(rows: InboxSqlRow[]): string | null {
  if (rows.length <= PAGE_SIZE) return null;
  const last = rows[PAGE_SIZE - 1]!;
  return encodeCursor(last.sortValue, last.id);
}
