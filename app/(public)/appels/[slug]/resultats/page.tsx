import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { callParams } from "@/lib/publication/params";
import { getPublishedResults } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";
import { NOT_FOUND_METADATA } from "@/lib/server/metadata";
import { ResultsPage } from "@/lib/publication/ui/results-page";

// Rendered per request (the CSP nonce of app/layout.tsx changes with each
// one: a page cached whole would carry a stale nonce and its scripts would be
// blocked). The data comes from the cache (lib/publication/publication.cache.ts),
// invalidated by a publication: no database query per view once warm.

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

/** The published results, or null (unknown call, embargo): see NOT_FOUND_METADATA. */
async function load(props: Props) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) return null;
  return getPublishedResults(parsed.data.slug);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const results = await load(props);
  if (!results) return NOT_FOUND_METADATA;
  const { call, funnel } = results;
  const title = `Résultats — ${call.title}`;
  const description = `${funnel.laureates} lauréats parmi ${funnel.submitted} dossiers déposés par ${funnel.administrations} administrations de ${funnel.ministries} ministères.`;
  const url = siteUrl(`/appels/${call.slug}/resultats`);
  return {
    title,
    description,
    alternates: { canonical: url, types: { "application/atom+xml": siteUrl("/resultats.atom") } },
    openGraph: { type: "article", title, description, url, siteName: "Lauréat", locale: "fr_FR", publishedTime: call.resultsPublishedAt ?? undefined },
    twitter: { card: "summary", title, description },
  };
}

export default async function ResultsRoute(props: Props) {
  const results = await load(props);
  if (!results) notFound();
  return <ResultsPage results={results} />;
}
