import pg from "pg";

/**
 * Counts the SQL statements the app sends to PostgreSQL, for the benchmarks'
 * "queries per request" figure (bench/README.md). Off unless
 * LAUREAT_QUERY_COUNTER=1: then the Prisma adapter gets a pool whose clients
 * count every `query()` call (transaction control included), and
 * /api/metrics/queries reports the running total.
 *
 * Why in the app rather than pg_stat_statements or pg_stat_database: the
 * extension is not installed on our servers, pg_stat_database counts
 * transactions (not statements) and is flushed asynchronously, and neither
 * exists on the embedded PGlite.
 */
const state = globalThis as unknown as { laureatQueryCount?: number };

export function queryCounterEnabled(): boolean {
  return process.env.LAUREAT_QUERY_COUNTER === "1";
}

export function queryCount(): number {
  return state.laureatQueryCount ?? 0;
}

/** A pg pool whose every client increments the counter on each query. */
export function countingPool(config: pg.PoolConfig): pg.Pool {
  state.laureatQueryCount ??= 0;
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      state.laureatQueryCount = (state.laureatQueryCount ?? 0) + 1;
      return original(...args);
    };
  });
  return pool;
}
