/**
 * Starts the production build for a benchmark: the same launcher as
 * `npm start` (scripts/start.ts: migrations, `next build` when stale,
 * `next start`), pointed at the bench database, demo data off, the query
 * counter on. Never `next dev`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { defaultPoolMax } from "@/lib/server/pool-size";
import { ensureBuild } from "@/scripts/build";
import { BenchFailure } from "./types";

export type BenchServer = {
  baseUrl: string;
  /** Pid of the process that serves HTTP (the `next-server` process). */
  serverPid: number;
  /** Resident memory of the serving process now, in MB (VmRSS). */
  rssMb: () => number;
  /** The app's running count of SQL statements (LAUREAT_QUERY_COUNTER=1). */
  queryCount: () => Promise<number>;
  stop: () => Promise<void>;
};

export async function startBenchServer(options: { databaseUrl: string; port: number; log: (line: string) => void; poolMax?: number }): Promise<BenchServer> {
  const { databaseUrl, port, log } = options;
  try {
    await ensureBuild();
  } catch (error) {
    throw new BenchFailure(`la construction de l’application a échoué (${(error as Error).message})`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(options.poolMax ?? defaultPoolMax()),
    LAUREAT_DEMO: "0",
    LAUREAT_QUERY_COUNTER: "1",
    PORT: String(port),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // Production refuses to start without one; a bench run's sessions need not outlive it.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("hex"),
  };
  let output = "";
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: stop() ends the launcher and next-server together
  });
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForHttp(`${baseUrl}/api/metrics/queries`, child, 120_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const serverPid = findServingProcess(child.pid!);
  if (!serverPid) {
    await stop();
    throw new BenchFailure("serveur démarré mais processus next-server introuvable : la mémoire ne peut pas être mesurée");
  }
  log(`serveur de production prêt sur ${baseUrl} (next-server pid ${serverPid})`);
  return {
    baseUrl,
    serverPid,
    rssMb: () => readRssMb(serverPid),
    async queryCount() {
      const response = await fetch(`${baseUrl}/api/metrics/queries`);
      if (!response.ok) throw new BenchFailure(`compteur de requêtes indisponible (HTTP ${response.status})`);
      return ((await response.json()) as { statements: number }).statements;
    },
    stop,
  };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new BenchFailure(`le serveur s’est arrêté (code ${child.exitCode}) avant de répondre :\n${output().trim().split("\n").slice(-15).join("\n")}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
      if (response.status === 404) throw new BenchFailure("le compteur de requêtes ne répond pas : serveur construit sans /api/metrics/queries ?");
    } catch (error) {
      if (error instanceof BenchFailure) throw error;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new BenchFailure(`le serveur ne répond pas sur ${url} après ${timeoutMs / 1000} s :\n${output().trim().split("\n").slice(-15).join("\n")}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** The descendant of `rootPid` that serves HTTP: Next names it `next-server`. */
export function findServingProcess(rootPid: number): number | undefined {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // process ended while listing
    }
  }
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmdline.startsWith("next-server")) return pid;
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}

export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new BenchFailure(`VmRSS absent de /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}
