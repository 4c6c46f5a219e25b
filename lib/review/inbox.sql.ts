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

/** Review data of a page row, read in the page query itself (lookups on the page's rows only). */
export type InboxReviewColumns = { decision: string | null; released: boolean | null; tagIds: string[]; assigneeIds: string[] };

const REVIEW_COLUMNS = Prisma.sql`,
      psd.decision::text as decision, psd.released_at is not null as released,
      array(select rt.tag_id::text from review_dossier_tag rt where rt.dossier_id = d.id order by rt.tag_id) as "tagIds",
      array(select ra.user_id::text from review_assignment ra where ra.dossier_id = d.id order by ra.user_id) as "assigneeIds"`;
const REVIEW_JOIN = Prisma.sql`left join preselection_decision psd on psd.dossier_id = d.id`;

export function inboxWhere(callId: string, f: InboxFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`d.call_id = ${callId}::uuid`, Prisma.sql`d.status <> 'DRAFT'`];
  if (f.q) {
    // The administration's name is matched through its own index first (an
    // InitPlan), so that both sides of the OR are index conditions on dossier
    // and PostgreSQL combines them in one BitmapOr. With `in (select …)` the OR
    // could only be a row filter: the tsvector was recomputed for every row of
    // the call (1.3 s for a count at 100 000 dossiers; bench/staff-inbox).
    conditions.push(Prisma.sql`(
      to_tsvector('french', f_unaccent(d.title || ' ' || d.summary)) @@ websearch_to_tsquery('french', f_unaccent(${f.q}))
      or d.administration_id = any(array(select id from administration
        where to_tsvector('french', f_unaccent(name)) @@ websearch_to_tsquery('french', f_unaccent(${f.q})))))`);
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

/**
 * One page (PAGE_SIZE + 1 rows: the extra one says whether there is a next
 * page) with the rows' review data, or a batch of `limit` for exports.
 */
export function inboxPageSql(callId: string, f: InboxFilters, options: { limit?: number; review?: boolean } = {}): Prisma.Sql {
  const { limit = PAGE_SIZE + 1, review = true } = options;
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
      ${expr}::text as "sortValue"${review ? REVIEW_COLUMNS : Prisma.empty}
    from ${FROM} ${review ? REVIEW_JOIN : Prisma.empty}
    where ${Prisma.join(where, " and ")}
    order by ${expr} ${dir}, d.id ${dir}
    limit ${limit}`;
}

/**
 * The page and the list's total in one statement, for filtered lists: the
 * matches are read once (a separate count read them a second time, the cost
 * of the page again for a search). The keyset condition is applied outside
 * the window, so `total` counts the whole list, not what follows the cursor.
 *
 * The matches are counted and ordered on `dossier` alone (joined only to what
 * the filters or the sort read); the page's 51 rows are joined afterwards.
 * Joining all 6 720 matches of a search before counting them cost 34 of its
 * 48 ms (bench/staff-inbox, 100 000 dossiers); counting first, 14 ms.
 */
export function inboxPageWithTotalSql(callId: string, f: InboxFilters): Prisma.Sql {
  const { expr, cast } = SORT_SQL[f.sort];
  const dir = f.dir === "desc" ? Prisma.sql`desc` : Prisma.sql`asc`;
  const cursor = f.after ? decodeCursor(f.after) : null;
  const after = cursor
    ? f.dir === "desc"
      ? Prisma.sql`where (s."sortKey", s.id) < (${cursor[0]}::${cast}, ${cursor[1]}::uuid)`
      : Prisma.sql`where (s."sortKey", s.id) > (${cursor[0]}::${cast}, ${cursor[1]}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    select d.id, d.reference, d.title, a.name as administration, a.id as "administrationId", m.name as ministry,
      c.label as category, d.requested_cents as "requestedCents", d.submitted_at as "submittedAt", d.status::text as status,
      p."sortKey"::text as "sortValue", p.total${REVIEW_COLUMNS}
    from (
      select s.id, s."sortKey", s.total
      from (
        select d.id, ${expr} as "sortKey", (count(*) over ())::int as total
        from ${matchFrom(f)}
        where ${inboxWhere(callId, f)}
      ) s
      ${after}
      order by s."sortKey" ${dir}, s.id ${dir}
      limit ${PAGE_SIZE + 1}
    ) p
    join dossier d on d.id = p.id
    join administration a on a.id = d.administration_id
    join ministry m on m.id = a.ministry_id
    left join call_category c on c.id = d.category_id
    ${REVIEW_JOIN}
    order by p."sortKey" ${dir}, p.id ${dir}`;
}

/** `dossier d` and only the joins the filters and the sort read. */
function matchFrom(f: InboxFilters): Prisma.Sql {
  const needsMinistry = f.ministries.length > 0 || f.sort === "ministry";
  const needsAdministration = needsMinistry || f.sort === "administration";
  const needsCategory = f.categories.length > 0 || f.sort === "category";
  const joins: Prisma.Sql[] = [];
  if (needsAdministration) joins.push(Prisma.sql`join administration a on a.id = d.administration_id`);
  if (needsMinistry) joins.push(Prisma.sql`join ministry m on m.id = a.ministry_id`);
  if (needsCategory) joins.push(Prisma.sql`left join call_category c on c.id = d.category_id`);
  return joins.length ? Prisma.sql`dossier d ${Prisma.join(joins, " ")}` : Prisma.sql`dossier d`;
}

/** The call of an inbox, with its categories in order. */
export function inboxCallSql(slug: string): Prisma.Sql {
  return Prisma.sql`
    select c.id, c.slug, c.title, c.phase::text as phase, c.decisions_released_at as "decisionsReleasedAt",
      coalesce((select json_agg(json_build_object('key', k.key, 'label', k.label) order by k.position)
                from call_category k where k.call_id = c.id), '[]'::json) as categories
    from call c where c.slug = ${slug}`;
}

/** What the inbox shows beside the page: counts per status, ministries, the call's labels, decisions awaiting release. */
export function inboxSideSql(callId: string): Prisma.Sql {
  return Prisma.sql`
    select
      coalesce((select json_object_agg(s.status, s.n order by s.status)
                from (select status, count(*)::int as n from dossier where call_id = ${callId}::uuid and status <> 'DRAFT' group by status) s),
               '{}'::json) as "statusCounts",
      coalesce((select json_agg(json_build_object('code', m.code, 'name', m.name) order by m.name) from ministry m), '[]'::json) as ministries,
      coalesce((select json_agg(json_build_object('id', t.id, 'label', t.label, 'colour', t.colour) order by t.label)
                from review_tag t where t.call_id = ${callId}::uuid), '[]'::json) as tags,
      (select count(*)::int from preselection_decision p join dossier d on d.id = p.dossier_id
        where p.released_at is null and d.call_id = ${callId}::uuid) as "pendingDecisions"`;
}

/** Joins only what the filters read: counting 88 000 rows through three joins for nothing cost a third of the page. */
export function inboxCountSql(callId: string, f: InboxFilters): Prisma.Sql {
  const joins: Prisma.Sql[] = [];
  if (f.ministries.length) joins.push(Prisma.sql`join administration a on a.id = d.administration_id join ministry m on m.id = a.ministry_id`);
  if (f.categories.length) joins.push(Prisma.sql`left join call_category c on c.id = d.category_id`);
  return Prisma.sql`select count(*)::int as total from dossier d ${joins.length ? Prisma.join(joins, " ") : Prisma.empty} where ${inboxWhere(callId, f)}`;
}

/** Keys of InboxFilters that do not narrow the list (display and paging). */
const NOT_FILTERS = new Set<keyof InboxFilters>(["statuses", "sort", "dir", "after", "columns"]);

/**
 * True when nothing but statuses narrows the list: the total is then the sum
 * of the counts per status the page reads anyway, and the count is skipped.
 * Generic over the filter keys, so that a filter added later is not missed.
 */
export function onlyStatusFilters(f: InboxFilters): boolean {
  return Object.entries(f).every(
    ([key, value]) => NOT_FILTERS.has(key as keyof InboxFilters) || value === null || value === "" || (Array.isArray(value) && value.length === 0),
  );
}

export function nextCursor(rows: InboxSqlRow[]): string | null {
  if (rows.length <= PAGE_SIZE) return null;
  const last = rows[PAGE_SIZE - 1]!;
  return encodeCursor(last.sortValue, last.id);
}
