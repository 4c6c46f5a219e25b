/**
 * The database baseline: the same SQL a page needs, sent straight through
 * node-postgres with the app's pool size and the load driver's concurrency,
 * timed per "page's worth" of statements. The page's own figure divided by
 * this one is what Next.js, React and Prisma add on top of PostgreSQL.
 */
import pg from "pg";
import type { LoadRun } from "./load";
import { percentile } from "./stats";
import { BenchFailure } from "./types";

export async function sqlRun(
  databaseUrl: string,
  work: (client: pg.Pool) => Promise<void>,
  options: { concurrency: number; durationS: number; poolMax: number },
): Promise<LoadRun> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolMax });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const until = performance.now() + options.durationS * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          try {
            await work(pool);
            latencies.push(performance.now() - t);
          } catch (error) {
            errors++;
            firstError ??= error;
          }
        }
      }),
    );
  } finally {
    await pool.end();
  }
  if (latencies.length === 0) throw new BenchFailure(`la requête SQL de référence échoue (${(firstError as Error | undefined)?.message ?? "aucune mesure"})`);
  const seconds = (performance.now() - started) / 1000;
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    rps: latencies.length / seconds,
    requests: latencies.length,
    errors,
    timeouts: 0,
    non2xx: 0,
  };
}
