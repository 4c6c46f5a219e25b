import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { callParams } from "@/lib/publication/params";
import { getPublishedResults } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";
import { NOT_FOUND_METADATA } from "@/lib/server/metadata";
import { ResultsPage } from "@/lib/publication/ui/results-page";

// Served whole from Next's full-route cache (ISR): rendered on the first view
// after a publication, from the data cache (lib/publication/publication.cache.ts),
// then never again until invalidatePublication(). No request reaches the
// database or React once warm. The document is the same for everyone: it
// carries no CSP nonce (proxy.ts gives it the policy without one, decision 017).
// Unknown calls and results under embargo never get here: proxy.ts answers
// them with the French 404 (lib/publication/public-pages.ts).

export const dynamic = "force-static";
export const revalidate = false;
export const generateStaticParams = async (): Promise<{ slug: string }[]> => [];

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
