import { fileResponse, notFoundResponse } from "@/lib/publication/http";
import { scdlJson } from "@/lib/publication/open-data";
import { callParams } from "@/lib/publication/params";
import { getPublishedOpenData } from "@/lib/publication/publication.cache";
import { siteUrl } from "@/lib/publication/site-url";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await context.params);
  if (!parsed.success) return notFoundResponse();
  const data = await getPublishedOpenData(parsed.data.slug);
  if (!data) return notFoundResponse();
  const body = scdlJson(data.call, data.table.rows, data.table.omitted, siteUrl(`/appels/${data.call.slug}/donnees/subventions.csv`));
  return fileResponse(`${JSON.stringify(body, null, 2)}\n`, "application/json; charset=utf-8", `subventions-${data.call.slug}.json`);
}
