/**
 * `npm start`: one command from a fresh clone to a served portal.
 * - DATABASE_URL set: checks that server; unset: starts the embedded PGlite
 *   (data under LAUREAT_DATA_DIR, default .data/) and points DATABASE_URL at it;
 * - applies migrations (dbmate), seeds the demo when demo mode is on;
 * - builds the app when the build is missing or older than the sources;
 * - serves it with `next start` (or `next dev` with --dev).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/seed";
import { isDemo, readServerEnv } from "@/lib/env";
import { assertReachable, migrate, OperatorError, startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/server/database";
import { defaultPoolMax } from "@/lib/server/pool-size";
import { createPrismaClient } from "@/lib/server/prisma";
import { ensureBuild, nextBin } from "./build";

const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  const env = readServerEnv();
  let embedded: EmbeddedDatabase | undefined;
  let url = env.DATABASE_URL;
  let poolMax = env.DATABASE_POOL_MAX ?? defaultPoolMax();
  if (url) {
    await assertReachable(url);
  } else {
    const dataDir = path.resolve(env.LAUREAT_DATA_DIR, "pglite");
    embedded = await startEmbeddedDatabase({ dataDir, port: env.LAUREAT_EMBEDDED_DB_PORT });
    url = embedded.url;
    poolMax = 1;
    log(`Base embarquée PGlite : ${dataDir}`);
  }

  await migrate(url, { quiet: true });
  if (isDemo(env)) {
    const prisma = createPrismaClient(url, 1);
    try {
      const { seeded } = await seedDemo(prisma);
      log(seeded ? "Données de démonstration créées." : "Données de démonstration déjà présentes.");
    } finally {
      await prisma.$disconnect();
    }
    log(`Comptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») :`);
    for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(30)} ${a.label}`);
  }

  const secret = ensureAuthSecret(env);
  if (!dev) await ensureBuild();

  const child = spawn(nextBin(), [dev ? "dev" : "start", "-p", String(env.PORT), "-H", process.env.HOSTNAME ?? "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_MAX: String(poolMax),
      // One PGlite session behind every connection: no named prepared statements (lib/server/hot-sql.ts).
      LAUREAT_EMBEDDED_DB: embedded ? "1" : "0",
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  log(`Lauréat : http://localhost:${env.PORT}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 1));
}

/**
 * NEXTAUTH_SECRET signs the sessions. Required outside demo mode; in demo mode
 * one is generated once and kept under the data directory.
 */
function ensureAuthSecret(env: ReturnType<typeof readServerEnv>): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (!isDemo(env)) throw new OperatorError("NEXTAUTH_SECRET manquant : générez-en un avec `openssl rand -hex 32`.");
  const file = path.resolve(env.LAUREAT_DATA_DIR, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function log(line: string) {
  console.log(`[laureat] ${line}`);
}

main().catch((error: unknown) => {
  if (error instanceof OperatorError) {
    console.error(`[laureat] ${error.message}`);
  } else {
    console.error("[laureat] Échec du démarrage / start-up failed:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
