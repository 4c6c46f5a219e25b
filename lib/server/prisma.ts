import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Used by lib/server/db.ts (the app) and by scripts, tests and benchmarks. */
export function createPrismaClient(url: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max, idleTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter });
}
