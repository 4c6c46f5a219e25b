import { resultsAtomFeed } from "@/lib/publication/atom";
import { fileResponse } from "@/lib/publication/http";
import { getPublishedCalls } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";

export const dynamic = "force-dynamic";

export async function GET() {
  return fileResponse(resultsAtomFeed(await getPublishedCalls(), siteUrl), "application/atom+xml; charset=utf-8");
}
