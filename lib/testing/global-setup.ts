/**
 * One real, freshly migrated database for the whole Vitest run:
 * TEST_DATABASE_URL's server (a new database, dropped at the end), else an
 * in-memory embedded PGlite.
 */
import type { TestProject } from "vitest/node";
import { createFreshDatabase, dropDatabase, migrate, startEmbeddedDatabase } from "@/lib/server/database";
import { freePort } from "./ports";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "server" | "embedded";
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const name = `laureat_vitest_${process.pid}`;
    url = await createFreshDatabase(serverUrl, name);
    teardown = () => dropDatabase(serverUrl, name);
    project.provide("databaseKind", "server");
  } else {
    const embedded = await startEmbeddedDatabase({ port: await freePort() });
    url = embedded.url;
    teardown = embedded.stop;
    project.provide("databaseKind", "embedded");
  }
  await migrate(url, { quiet: true });
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_MAX = serverUrl ? "5" : "1";
  // One PGlite session behind every connection: no named prepared statements (lib/server/hot-sql.ts).
  process.env.LAUREAT_EMBEDDED_DB = serverUrl ? "0" : "1";
  project.provide("databaseUrl", url);
  return teardown;
}
