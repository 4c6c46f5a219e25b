/**
 * Ids that reach a mutation as bare strings (a call id from a URL or a form
 * field). Anything but a UUID names no row, and would make PostgreSQL or
 * Prisma throw (a 500) — or, when `undefined`, make Prisma drop the filter.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A call's slug as the app writes them: lowercase words joined by hyphens. */
export function isSlug(value: unknown): value is string {
  return typeof value === "string" && value.length <= 100 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}
