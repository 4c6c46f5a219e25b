/**
 * Database bootstrap for the launcher, the tests and the benchmarks (plain
 * Node, outside Next.js): start the embedded PGlite, check a server, migrate.
 * The app itself only ever sees DATABASE_URL (lib/server/db.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveBinary } from "dbmate";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** An error meant for a person at a terminal: print the message, no stack. */
export class OperatorError extends Error {
  override name = "OperatorError";
}

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * Serves PGlite over the PostgreSQL wire protocol on loopback. `dataDir`
 * undefined keeps everything in memory (tests).
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port: number }): Promise<EmbeddedDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  // Extensions the migrations may CREATE (PGlite loads them only when listed).
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const { dataDir, port } = options;
  let releaseLock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDirLock(dataDir);
  }
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { unaccent, pg_trgm } });
    await db.query("select 1");
  } catch (error) {
    releaseLock();
    const reason = error instanceof Error ? error.message : String(error);
    throw new OperatorError(
      `La base embarquée dans « ${dataDir ?? "(mémoire)"} » est illisible (${reason.slice(0, 200)}). ` +
        `Rien n'a été effacé. Pour repartir d'une base neuve, sauvegardez puis supprimez ce dossier : rm -rf ${dataDir ?? ".data"}`,
    );
  }
  // dbmate opens two connections at once; the app itself uses a pool of one
  // because PGlite runs one session: interleaved transactions would mix.
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 4 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    releaseLock();
    throw new OperatorError(
      `Impossible d'ouvrir la base embarquée sur 127.0.0.1:${port} (${(error as Error).message}). ` +
        `Le port est peut-être pris : choisissez-en un autre avec LAUREAT_EMBEDDED_DB_PORT.`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

/** Two processes writing one PGlite directory would corrupt it. */
function acquireDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "laureat.pid");
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new OperatorError(
        `La base embarquée « ${dataDir} » est déjà utilisée par le processus ${pid}. Arrêtez-le d'abord.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Fails with one readable line naming the variable and host. */
export async function assertReachable(url: string, variable = "DATABASE_URL"): Promise<void> {
  let host = "?";
  try {
    const parsed = new URL(url);
    host = `${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    throw new OperatorError(`${variable} n'est pas une URL PostgreSQL valide (postgres://utilisateur@hôte:port/base).`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new OperatorError(
      `${variable}: serveur PostgreSQL injoignable à ${host} (${reason}) / PostgreSQL server unreachable.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Applies pending SQL migrations with dbmate (the only migration tool). */
export async function migrate(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  const binary = resolveBinary();
  const args = ["--url", withLoopbackSslDisabled(url), "--migrations-dir", MIGRATIONS_DIR, "--no-dump-schema", "migrate"];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new OperatorError(`Échec des migrations (dbmate, code ${code}) :\n${output.trim()}`)),
    );
  });
}

/** dbmate's driver insists on TLS unless told; on loopback there is nothing to protect. */
function withLoopbackSslDisabled(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("sslmode") && ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    parsed.searchParams.set("sslmode", "disable");
  }
  return parsed.toString();
}

/** Creates (or recreates) a database on the server of `adminUrl`; returns its URL. */
export async function createFreshDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
