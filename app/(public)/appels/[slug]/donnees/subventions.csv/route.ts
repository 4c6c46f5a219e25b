import { fileResponse, notFoundResponse } from "@/lib/publication/http";
import { callParams } from "@/lib/publication/params";
import { getPublishedOpenData } from "@/lib/publication/publication.cache";
import { toScdlCsv } from "@/lib/publication/scdl";

// Data from the cache (tagged, invalidated on publish); nothing at build time.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await context.params);
  if (!parsed.success) return notFoundResponse();
  const data = await getPublishedOpenData(parsed.data.slug);
  if (!data) return notFoundResponse();
  return fileResponse(toScdlCsv(data.table.rows), "text/csv; charset=utf-8; header=present", `subventions-${data.call.slug}.csv`);
}
