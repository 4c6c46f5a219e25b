import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { laureateParams } from "@/lib/publication/params";
import { getPublishedLaureate } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";
import { NOT_FOUND_METADATA } from "@/lib/server/metadata";
import { LaureatePage } from "@/lib/publication/ui/laureate-page";

// Served whole from the full-route cache like the results page (ISR, no
// nonce, decision 017); invalidated by the same publication.

export const dynamic = "force-static";
export const revalidate = false;
export const generateStaticParams = async (): Promise<{ slug: string; laureate: string }[]> => [];

type Props = { params: Promise<{ slug: string; laureate: string }> };

/** The published laureate, or null (unknown, embargo): see NOT_FOUND_METADATA. */
async function load(props: Props) {
  const parsed = laureateParams.safeParse(await props.params);
  if (!parsed.success) return null;
  return getPublishedLaureate(parsed.data.slug, parsed.data.laureate);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const l = await load(props);
  if (!l) return NOT_FOUND_METADATA;
  const title = `${l.title} — lauréat`;
  const url = siteUrl(`/appels/${l.call.slug}/laureats/${l.slug}`);
  return {
    title,
    description: l.summary,
    alternates: { canonical: url },
    openGraph: { type: "article", title, description: l.summary, url, siteName: "Lauréat", locale: "fr_FR" },
    twitter: { card: "summary", title, description: l.summary },
  };
}

export default async function LaureateRoute(props: Props) {
  const laureate = await load(props);
  if (!laureate) notFound();
  return <LaureatePage laureate={laureate} />;
}
