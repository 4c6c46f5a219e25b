import { appendFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Used by lib/server/db.ts (the app) and by scripts, tests and benchmarks. */
export function createPrismaClient(url: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max, idleTimeoutMillis: 10_000 });
  // Benchmarks only: one byte per SQL statement appended to this file, so a
  // load test can count database queries per request across processes.
  const countFile = process.env.LAUREAT_QUERY_COUNT_FILE;
  if (!countFile) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", () => appendFileSync(countFile, "q"));
  return client as unknown as PrismaClient;
}
