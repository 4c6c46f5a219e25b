/**
 * The harness itself: it never prints a figure it did not measure. A target
 * or baseline that fails to start (unreachable database, HTTP error, no
 * answer) stops the run with a reason and a non-zero exit.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTarget, measureLoad } from "./lib/load";
import { markdown } from "./lib/report";
import { median, percentile, seededRandom, seededUuid } from "./lib/stats";
import { BenchFailure, type BenchReport } from "./lib/types";
import { freePort } from "@/lib/testing/ports";

let server: Server;
let base: string;
beforeAll(async () => {
  const port = await freePort();
  server = createServer((req, res) => {
    if (req.url === "/ok") res.end("ok");
    else if (req.url === "/flaky") res.writeHead(Math.random() < 0.5 ? 200 : 503).end();
    else res.writeHead(500).end("boom");
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const quiet = { runs: 1, durationS: 1, warmupS: 1, log: () => {} };

describe("bench harness", () => {
  it("measures a target that answers, with exact percentiles and counts", async () => {
    const [s] = await measureLoad([httpTarget("ok", "target", `${base}/ok`, 2)], quiet);
    expect(s!.requests).toBeGreaterThan(10);
    expect(s!.errors).toBe(0);
    expect(s!.non2xx).toBe(0);
    expect(s!.p50Ms!).toBeLessThanOrEqual(s!.p99Ms!);
  });

  it("refuses to measure a target whose probe fails (HTTP 500): no series at all", async () => {
    await expect(measureLoad([httpTarget("ok", "target", `${base}/ok`, 2), httpTarget("broken", "baseline", `${base}/broken`, 2)], quiet)).rejects.toThrow(BenchFailure);
  });

  it("refuses a target that is not listening", async () => {
    const port = await freePort();
    await expect(measureLoad([httpTarget("absent", "target", `http://127.0.0.1:${port}/`, 2)], quiet)).rejects.toThrow(/injoignable/);
  });

  it("counts non-2xx answers during the runs instead of hiding them", async () => {
    const flaky = httpTarget("flaky", "target", `${base}/flaky`, 2);
    flaky.probe = async () => {}; // the probe would catch it half of the time
    const [s] = await measureLoad([flaky], quiet);
    expect(s!.non2xx).toBeGreaterThan(0);
  });

  it("exits non-zero and prints no table when the database of the benchmark is unreachable", async () => {
    const port = await freePort();
    const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/run.ts", "generator"], {
      env: { ...process.env, BENCH_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ÉCHEC/);
    expect(result.stdout).not.toMatch(/\| generator \|/);
    expect(result.stdout).not.toMatch(/lignes\/s|rows\/s/);
  });

  // Three tsx start-ups: slow on a loaded 2-core machine, hence the longer timeout.
  it("rejects an unknown benchmark and bad settings", { timeout: 180_000 }, () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/run.ts", ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
    const unknown = run(["n-existe-pas"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/banc inconnu/);
    const badRuns = run(["generator"], { BENCH_RUNS: "zéro" });
    expect(badRuns.status).toBe(1);
    expect(badRuns.stderr).toMatch(/BENCH_RUNS/);
    const list = run(["list"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/public-call/);
  });

  it("prints only measured fields in the table", () => {
    const report: BenchReport = {
      name: "exemple",
      goal: "",
      command: "npm run bench -- exemple",
      startedAt: "2026-01-01T00:00:00.000Z",
      durationS: 1,
      machine: { cpus: 2, cpuModel: "x", memoryGb: 1, loadAverageAtStart: [0, 0, 0], node: "v20" },
      series: [{ label: "insertion", role: "target", runs: 3, throughput: 1000, throughputUnit: "rows/s" }],
      ratios: [],
      notes: [],
    };
    const row = markdown([report]).split("\n").find((l) => l.startsWith("| exemple"))!;
    expect(row).toMatch(/1\s000 rows\/s/u);
    expect(row.split("|").filter((c) => c.trim() === "—")).toHaveLength(7); // p50, p95, p99, errors, non-2xx, RSS, queries: not measured here
  });

  it("statistics and seeded data are exact and repeatable", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(() => median([])).toThrow();
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(seededUuid(a)).toBe(seededUuid(b));
    expect(seededUuid(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
