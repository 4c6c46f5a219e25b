/**
 * Runs bench/jury-scoring on a fresh, migrated scratch database, in a process
 * of its own (started by bench/benchmarks/standalone.ts with the react-server
 * condition: the mutations import "server-only"). Prints one BENCH_RESULT line.
 */
import { createRequire } from "node:module";
import { createFreshDatabase, dropDatabase, migrate } from "@/lib/server/database";

const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

async function main() {
  const server = process.env.BENCH_SERVER_URL!;
  const name = `laureat_bench_scoring_${process.pid}`;
  const url = await createFreshDatabase(server, name);
  try {
    await migrate(url, { quiet: true });
    process.env.DATABASE_URL = url;
    const { run } = await import("./index");
    const result = await run();
    const { db } = await import("@/lib/server/db");
    await db.$disconnect();
    return result;
  } finally {
    await dropDatabase(server, name).catch(() => {});
  }
}

main().then(
  (result) => {
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
