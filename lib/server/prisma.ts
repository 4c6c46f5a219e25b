import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { countingPool, queryCounterEnabled } from "./query-counter";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Used by lib/server/db.ts (the app) and by scripts, tests and benchmarks. */
export function createPrismaClient(url: string, max = 10): PrismaClient {
  const config = { connectionString: url, max, idleTimeoutMillis: 10_000 };
  // Benchmarks only (LAUREAT_QUERY_COUNTER=1): count the statements sent.
  const pool = queryCounterEnabled() ? countingPool(config) : new pg.Pool(config);
  // An idle connection that the server closes (restart, terminated backend) must not crash the process:
  // the pool drops it and the next query opens another.
  pool.on("error", (error) => console.warn(JSON.stringify({ level: "warn", event: "db.idle-connection-lost", error: error.message })));
  // At a deadline surge every connection is busy: a transaction waits its turn
  // (up to 10 s) rather than failing after Prisma's default 2 s. The deadline
  // itself is checked against the instant the request arrived, so waiting
  // never makes a submission late.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  pools.set(client, pool);
  return client;
}

/**
 * The node-postgres pool under a Prisma client, for the few hot statements
 * that skip the ORM (lib/server/hot-sql.ts, decision 019): same connections,
 * same limits, same statement counter.
 */
// On globalThis: Next.js bundles this module more than once (route handlers, pages, instrumentation), and the
// client in lib/server/db.ts is shared through globalThis — its pool must be found from every copy.
const pools: WeakMap<PrismaClient, pg.Pool> = ((globalThis as { laureatPools?: WeakMap<PrismaClient, pg.Pool> }).laureatPools ??= new WeakMap());

export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("this Prisma client was not created by createPrismaClient: attach its pool with attachPool()");
  return pool;
}

/** For a client built elsewhere on a pool of its own (the fault drills' pool whose connections can be cut). */
export function attachPool(client: PrismaClient, pool: pg.Pool): void {
  pools.set(client, pool);
}
