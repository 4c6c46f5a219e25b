/**
 * End-to-end run: the production build served by the same launcher as
 * `npm start`, on a fresh database with demo data (TEST_DATABASE_URL's server,
 * else a new embedded PGlite), then Playwright against it.
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { createFreshDatabase, dropDatabase } from "@/lib/server/database";
import { ensureBuild } from "./build";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB_NAME = process.env.E2E_DATABASE_NAME ?? "laureat_e2e";

async function main(): Promise<number> {
  const server = process.env.TEST_DATABASE_URL;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), LAUREAT_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const dataDir = path.resolve(".data", "e2e");
  if (server) {
    env.DATABASE_URL = await createFreshDatabase(server, DB_NAME);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    delete env.DATABASE_URL;
    env.LAUREAT_DATA_DIR = dataDir;
    env.LAUREAT_EMBEDDED_DB_PORT = String(Number(process.env.E2E_DB_PORT ?? 54330));
  }
  await ensureBuild();

  const app = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { env, stdio: ["ignore", "inherit", "inherit"] });
  const baseUrl = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(baseUrl, app, 120_000);
    const result = spawnSync(path.resolve("node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...env, E2E_BASE_URL: baseUrl },
    });
    return result.status ?? 1;
  } finally {
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r).once("error", r));
    if (server) await dropDatabase(server, DB_NAME).catch(() => {});
  }
}

async function waitFor(url: string, app: ReturnType<typeof spawn>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} before serving`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs / 1000} s`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[e2e]", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
