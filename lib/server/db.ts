import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { defaultPoolMax } from "./pool-size";
import { createPrismaClient, poolOf } from "./prisma";

/**
 * The one Prisma client of the app, created on first use (never at build
 * time). `npm start` always provides DATABASE_URL: the operator's PostgreSQL or
 * the embedded PGlite it started (scripts/start.ts), so queries take the same
 * path in both modes.
 */
const globalForDb = globalThis as unknown as { laureatDb?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.laureatDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides it.");
    globalForDb.laureatDb = createPrismaClient(url, Number(process.env.DATABASE_POOL_MAX) || defaultPoolMax());
  }
  return globalForDb.laureatDb;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const c = client();
    const value = Reflect.get(c, property, c) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
});

/** The pool under the app's Prisma client (or the one a test put in its place): see lib/server/hot-sql.ts. */
export function dbPool() {
  return poolOf(client());
}
