import { queryCount, queryCounterEnabled } from "@/lib/server/query-counter";

export const dynamic = "force-dynamic";

/**
 * Benchmarks only: the number of SQL statements this server process has sent
 * (lib/server/query-counter.ts). Absent (404) unless LAUREAT_QUERY_COUNTER=1.
 */
export function GET(): Response {
  if (!queryCounterEnabled()) return new Response("Page non trouvée", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return Response.json({ statements: queryCount() }, { headers: { "cache-control": "no-store" } });
}
