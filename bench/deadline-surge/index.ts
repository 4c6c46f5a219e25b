/**
 * bench/deadline-surge — 200 applicants submit complete dossiers concurrently
 * in the last minute before a deadline.
 *
 * `run()` measures, in one run: the real submit mutation (lock, validation,
 * receipt number, history, audit, outbox) under concurrency, and a raw
 * PostgreSQL insert of the same rows as the baseline. Goal: 0 failed or lost
 * submissions, p99 < 1 s, throughput ≥ 30 % of the raw insert.
 *
 * The measurement runs in a child process started with the `react-server`
 * condition, because the mutations import "server-only" (which throws
 * anywhere else) — so the harness may import this module from any context.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export type BenchResult = {
  name: string;
  ok: boolean;
  /** Latencies in ms, throughputs in submissions per second. */
  metrics: Record<string, number>;
  notes: string[];
};

export type SurgeOptions = {
  /** Concurrent applicants (default 200). */
  applicants?: number;
  /** A PostgreSQL server where a scratch database is created and dropped (default: BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local server). */
  serverUrl?: string;
};

export async function run(options: SurgeOptions = {}): Promise<BenchResult> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const env = {
    ...process.env,
    SURGE_APPLICANTS: String(options.applicants ?? 200),
    SURGE_SERVER_URL: options.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  };
  const child = spawn(process.execPath, ["--conditions=react-server", path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, "surge.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (code !== 0 || !line) throw new Error(`deadline-surge failed (exit ${code}):\n${out.slice(-2000)}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as BenchResult;
}
