/**
 * Absolute URL of the portal, for feeds, the open-data catalogue, e-mails and
 * Open Graph tags (pages are cached, so the request's host is not at hand).
 */
export function siteUrl(path = "/"): string {
  const base = (process.env.LAUREAT_PUBLIC_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}
