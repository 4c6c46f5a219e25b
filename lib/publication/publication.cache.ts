import "server-only";
import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import {
  loadPublicStatistics,
  loadPublishedCalls,
  loadPublishedLaureate,
  loadPublishedOpenData,
  loadPublishedResults,
} from "./publication.queries";

/**
 * Public reads, kept in Next's data cache until a publication invalidates
 * them: on announcement day, views do not reach the database. Everything is
 * tagged `publication` (feeds, statistics, catalogue span calls) and with the
 * call's own tag.
 */
export const PUBLICATION_TAG = "publication";
export const callTag = (slug: string) => `publication:call:${slug}`;

function cached<A extends string[], T>(name: string, load: (...args: A) => Promise<T>, tags: (...args: A) => string[]) {
  return (...args: A): Promise<T> => unstable_cache(() => load(...args), [`publication:${name}`, ...args], { tags: [PUBLICATION_TAG, ...tags(...args)] })();
}

export const getPublishedResults = cached("results", loadPublishedResults, (slug) => [callTag(slug)]);
export const getPublishedLaureate = cached("laureate", loadPublishedLaureate, (slug) => [callTag(slug)]);
export const getPublishedOpenData = cached("open-data", loadPublishedOpenData, (slug) => [callTag(slug)]);
export const getPublishedCalls = cached("calls", loadPublishedCalls, () => []);
export const getPublicStatistics = cached("statistics", loadPublicStatistics, () => []);

/** After a publication: expire at once (no stale page may hide or outlive the embargo). */
export function invalidatePublication(slug: string): void {
  revalidateTag(PUBLICATION_TAG, { expire: 0 });
  revalidateTag(callTag(slug), { expire: 0 });
  for (const page of ["/appels/[slug]", "/appels/[slug]/resultats", "/appels/[slug]/laureats/[laureate]"]) revalidatePath(page, "page");
  for (const path of ["/", "/statistiques", "/resultats.atom", "/donnees/catalogue.json", `/appels/${slug}/donnees/subventions.csv`, `/appels/${slug}/donnees/subventions.json`]) {
    revalidatePath(path);
  }
}
