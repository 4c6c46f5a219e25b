import { z } from "@/lib/validation/zod";
import { DossierStatus } from "@/lib/generated/prisma/enums";

/** Statuses staff see in the inbox: everything submitted (drafts stay private). */
export const INBOX_STATUSES = Object.values(DossierStatus).filter((s) => s !== "DRAFT");

export const SORT_KEYS = ["submittedAt", "reference", "title", "administration", "ministry", "category", "requested", "status"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const COLUMNS = ["reference", "title", "administration", "ministry", "category", "requested", "submittedAt", "status"] as const;
export type Column = (typeof COLUMNS)[number];
export const DEFAULT_COLUMNS: Column[] = ["reference", "title", "administration", "category", "requested", "status"];

export const PAGE_SIZE = 50;

export type InboxFilters = {
  q: string | null;
  statuses: DossierStatus[];
  categories: string[];
  ministries: string[];
  administrationId: string | null;
  minEuros: number | null;
  maxEuros: number | null;
  sort: SortKey;
  dir: "asc" | "desc";
  after: string | null;
  columns: Column[];
  /** Review filters: an assigned reviewer ("me" or a user id), a label, the preselection decision. */
  assignee: string | null;
  tag: string | null;
  decision: DecisionFilter | null;
};

export const DECISION_FILTERS = ["PRESELECTED", "NOT_PRESELECTED", "PENDING", "NONE"] as const;
export type DecisionFilter = (typeof DECISION_FILTERS)[number];

export type ParsedInboxParams = { filters: InboxFilters; ignored: string[] };

const MAX_EUROS = 1_000_000_000;
const KNOWN = new Set(["q", "statut", "categorie", "ministere", "administration", "min", "max", "tri", "ordre", "apres", "colonnes", "instructeur", "etiquette", "presel"]);

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(","));

const euros = z.coerce.number().int().min(0).max(MAX_EUROS);
const slugLike = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/**
 * Reads the inbox filters from the URL. Never throws: a parameter that is
 * unknown or invalid is dropped and named in `ignored`, so the page can say so.
 * Values only ever reach SQL as bound parameters or through the whitelists.
 */
export function parseInboxParams(params: Record<string, string | string[] | undefined>): ParsedInboxParams {
  const ignored: string[] = [];
  for (const key of Object.keys(params)) if (!KNOWN.has(key)) ignored.push(key);

  const q = single(params.q)?.trim() ?? "";
  const statuses = many(params.statut).filter((s) => {
    const ok = (INBOX_STATUSES as string[]).includes(s);
    if (!ok) ignored.push(`statut=${s}`);
    return ok;
  }) as DossierStatus[];
  const keep = (name: string, values: string[]) =>
    values.filter((v) => {
      const ok = slugLike.safeParse(v).success;
      if (!ok) ignored.push(`${name}=${v}`);
      return ok;
    });
  const administration = single(params.administration);
  const administrationOk = administration === undefined || z.uuid().safeParse(administration).success;
  if (!administrationOk) ignored.push("administration");
  const amount = (name: "min" | "max") => {
    const raw = single(params[name]);
    if (raw === undefined || raw === "") return null;
    const parsed = euros.safeParse(raw);
    if (!parsed.success) ignored.push(name);
    return parsed.success ? parsed.data : null;
  };
  const sortRaw = single(params.tri);
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortKey) : "submittedAt";
  if (sortRaw !== undefined && sort !== sortRaw) ignored.push("tri");
  const dirRaw = single(params.ordre);
  const dir = dirRaw === "desc" ? "desc" : "asc";
  if (dirRaw !== undefined && dirRaw !== "asc" && dirRaw !== "desc") ignored.push("ordre");
  const after = single(params.apres);
  const afterOk = after === undefined || /^[A-Za-z0-9_-]{1,400}$/.test(after);
  if (!afterOk) ignored.push("apres");
  const assigneeRaw = single(params.instructeur);
  const assigneeOk = assigneeRaw === undefined || assigneeRaw === "" || assigneeRaw === "me" || z.uuid().safeParse(assigneeRaw).success;
  if (!assigneeOk) ignored.push("instructeur");
  const tagRaw = single(params.etiquette);
  const tagOk = tagRaw === undefined || tagRaw === "" || z.uuid().safeParse(tagRaw).success;
  if (!tagOk) ignored.push("etiquette");
  const decisionRaw = single(params.presel);
  const decisionOk = decisionRaw === undefined || decisionRaw === "" || (DECISION_FILTERS as readonly string[]).includes(decisionRaw);
  if (!decisionOk) ignored.push("presel");
  const columnsRaw = many(params.colonnes);
  const columns = columnsRaw.filter((c): c is Column => (COLUMNS as readonly string[]).includes(c));
  if (columns.length !== columnsRaw.length) ignored.push("colonnes");

  return {
    filters: {
      q: q.length > 0 ? q.slice(0, 200) : null,
      statuses,
      categories: keep("categorie", many(params.categorie)),
      ministries: keep("ministere", many(params.ministere)),
      administrationId: administrationOk ? (administration ?? null) : null,
      minEuros: amount("min"),
      maxEuros: amount("max"),
      sort,
      dir,
      after: afterOk ? (after ?? null) : null,
      columns: columns.length > 0 ? columns : DEFAULT_COLUMNS,
      assignee: assigneeOk && assigneeRaw ? assigneeRaw : null,
      tag: tagOk && tagRaw ? tagRaw : null,
      decision: decisionOk && decisionRaw ? (decisionRaw as DecisionFilter) : null,
    },
    ignored,
  };
}

/** The cursor is the last row's sort value and id, base64url JSON. */
export function encodeCursor(value: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [string | number | null, string] | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as [unknown, unknown];
    if (typeof id !== "string" || !z.uuid().safeParse(id).success) return null;
    if (value !== null && typeof value !== "string" && typeof value !== "number") return null;
    return [value, id];
  } catch {
    return null;
  }
}

/** URL of the inbox for filters (the inverse of parseInboxParams). */
export function inboxSearchParams(f: Partial<InboxFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.statuses?.length) p.set("statut", f.statuses.join(","));
  if (f.categories?.length) p.set("categorie", f.categories.join(","));
  if (f.ministries?.length) p.set("ministere", f.ministries.join(","));
  if (f.administrationId) p.set("administration", f.administrationId);
  if (f.minEuros != null) p.set("min", String(f.minEuros));
  if (f.maxEuros != null) p.set("max", String(f.maxEuros));
  if (f.sort && f.sort !== "submittedAt") p.set("tri", f.sort);
  if (f.dir === "desc") p.set("ordre", "desc");
  if (f.after) p.set("apres", f.after);
  if (f.columns && f.columns.join() !== DEFAULT_COLUMNS.join()) p.set("colonnes", f.columns.join(","));
  if (f.assignee) p.set("instructeur", f.assignee);
  if (f.tag) p.set("etiquette", f.tag);
  if (f.decision) p.set("presel", f.decision);
  return p;
}

/** URLSearchParams → the record parseInboxParams reads (repeated keys kept as arrays), for route handlers. */
export function searchParamsRecord(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
