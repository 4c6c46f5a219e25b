import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
import { createFreshDatabase, dropDatabase, migrate } from "@/lib/server/database";
async function main() {
  const server = "postgres://postgres@127.0.0.1:5432/postgres";
  const url = await createFreshDatabase(server, "laureat_probe2");
  await migrate(url, { quiet: true });
  process.env.DATABASE_URL = url;
  const { run } = await import("./jury-scoring/index");
  console.log(JSON.stringify(await run()));
  const T = (globalThis as any).__T as number[][];
  const conc = T.slice(9);
  const med = (i: number) => { const xs = conc.map((r) => r[i]!).sort((a, b) => a - b); return [xs[Math.floor(xs.length / 2)]!.toFixed(1), xs[Math.floor(xs.length * 0.95)]!.toFixed(1)]; };
  console.log("alone", T.slice(1, 9).map((r) => r.map((x) => x.toFixed(1)).join("/")).join(" "));
  console.log("concurrent p50/p95: ctx", med(0), "read", med(1), "write", med(2));
  const { db } = await import("@/lib/server/db");
  await db.$disconnect();
  await dropDatabase(server, "laureat_probe2");
}
main();
