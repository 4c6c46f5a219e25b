import { fileResponse } from "@/lib/publication/http";
import { dataCatalogue } from "@/lib/publication/open-data";
import { getPublishedCalls } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";

export const dynamic = "force-dynamic";

export async function GET() {
  return fileResponse(`${JSON.stringify(dataCatalogue(await getPublishedCalls(), siteUrl), null, 2)}\n`, "application/json; charset=utf-8");
}
