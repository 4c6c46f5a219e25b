import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { countingPool, queryCounterEnabled } from "./query-counter";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Used by lib/server/db.ts (the app) and by scripts, tests and benchmarks. */
export function createPrismaClient(url: string, max = 10): PrismaClient {
  const config = { connectionString: url, max, idleTimeoutMillis: 10_000 };
  // Benchmarks only (LAUREAT_QUERY_COUNTER=1): count the statements sent.
  const adapter = queryCounterEnabled()
    ? new PrismaPg(countingPool(config), { disposeExternalPool: true })
    : new PrismaPg(config);
  // At a deadline surge every connection is busy: a transaction waits its turn
  // (up to 10 s) rather than failing after Prisma's default 2 s. The deadline
  // itself is checked against the instant the request arrived, so waiting
  // never makes a submission late.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}
