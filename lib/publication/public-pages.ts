import "server-only";
import { publicCallExists } from "@/lib/calls/call.queries";
import { callParams, laureateParams } from "./params";
import { publishedLaureateExists, publishedResultsExist } from "./publication.queries";

/**
 * Which public pages have nothing to show, decided before rendering.
 *
 * Why here and not only in the page: a `notFound()` thrown while a dynamic page
 * renders makes Next.js 16 answer with its bare error document
 * (`<html id="__next_error__">`) that only the browser fills in — no French 404
 * on the server, none without JavaScript, and the DSFR does not start on it
 * (vercel/next.js#62228). proxy.ts asks this module and rewrites such addresses
 * to the not-found route, which is rendered on the server inside the layout.
 * The pages keep their own `notFound()`: this is a rendering choice, not the
 * embargo, which stays in the queries' WHERE clauses.
 */
const PATTERNS: { re: RegExp; exists: (m: RegExpMatchArray) => Promise<boolean> }[] = [
  {
    re: /^\/appels\/([^/]+)\/?$/,
    exists: (m) => (callParams.safeParse({ slug: m[1] }).success ? publicCallExists(m[1]!) : Promise.resolve(false)),
  },
  {
    re: /^\/appels\/([^/]+)\/resultats\/?$/,
    exists: (m) => (callParams.safeParse({ slug: m[1] }).success ? publishedResultsExist(m[1]!) : Promise.resolve(false)),
  },
  {
    re: /^\/appels\/([^/]+)\/laureats\/([^/]+)\/?$/,
    exists: (m) => (laureateParams.safeParse({ slug: m[1], laureate: m[2] }).success ? publishedLaureateExists(m[1]!, m[2]!) : Promise.resolve(false)),
  },
];

/**
 * The public pages served whole from Next's full-route cache (ISR, rendered
 * on the first view after a publication, then never again until the next
 * one): the published results and the laureate pages, what a crowd reads on
 * announcement day. Their document is the same for everyone, so it carries
 * no per-request nonce; proxy.ts gives them the policy without one
 * (lib/security/headers.ts, docs/decisions/017). Every other page renders
 * per request under a nonce.
 */
const STATIC_PUBLIC_PAGES = [PATTERNS[1]!.re, PATTERNS[2]!.re];

export function isStaticPublicPage(pathname: string): boolean {
  return STATIC_PUBLIC_PAGES.some((re) => re.test(pathname));
}

// A page that exists keeps existing (results are never unpublished): positive
// answers are remembered briefly, so a cached results page still costs no query.
// Negative ones are not, so a publication shows at once.
const POSITIVE_TTL_MS = 30_000;
const known = new Map<string, number>();

/** false when the address is one of the public pages above and has nothing to show; true otherwise. */
export async function publicPageExists(pathname: string, now = Date.now()): Promise<boolean> {
  for (const { re, exists } of PATTERNS) {
    const match = pathname.match(re);
    if (!match) continue;
    const seen = known.get(pathname);
    // Published results and laureates are never unpublished (archiving keeps them): once seen, always there.
    if (seen !== undefined && (now - seen < POSITIVE_TTL_MS || isStaticPublicPage(pathname))) return true;
    const found = await exists(match);
    if (found) {
      if (known.size > 10_000) known.clear();
      known.set(pathname, now);
    }
    return found;
  }
  return true;
}
