/**
 * What a benchmark is and what it reports. One file per benchmark under
 * bench/benchmarks/, registered in bench/benchmarks/index.ts (see
 * bench/README.md, "Adding a benchmark").
 */

/** Figures of one measured series (a target or its baseline). Only measured fields are set. */
export type Series = {
  /** What was measured, e.g. "GET /appels/… (page)" or "bulk insert". */
  label: string;
  role: "target" | "baseline";
  /** Number of measured runs the medians below come from. */
  runs: number;
  /** Latency percentiles in milliseconds (median over runs). */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** Requests per second, or rows per second for inserts (median over runs). */
  throughput?: number;
  throughputUnit?: "req/s" | "rows/s" | "dépôts/s";
  /** Total over all runs. */
  requests?: number;
  errors?: number;
  non2xx?: number;
  /** Peak resident memory of the server process during the runs. */
  rssPeakMb?: number;
  /** SQL statements sent per request, from the app's counter. */
  queriesPerRequest?: number;
  /** Raw per-run figures, for the JSON file. */
  perRun?: Record<string, number>[];
};

export type Ratio = { label: string; value: number; meaning: string };

export type BenchReport = {
  name: string;
  goal: string;
  command: string;
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  series: Series[];
  ratios: Ratio[];
  notes: string[];
  /** Long texts kept with the figures, e.g. `EXPLAIN (ANALYZE, BUFFERS)` of the measured query. */
  appendix?: { title: string; text: string }[];
};

export type MachineInfo = {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadAverageAtStart: number[];
  node: string;
  postgres?: string;
};

export type BenchContext = {
  /** Admin URL of the PostgreSQL server holding the bench database. */
  adminUrl: string;
  /** Measured runs per series (BENCH_RUNS, default 3). */
  runs: number;
  /** Seconds per load run (BENCH_DURATION, default 10). */
  durationS: number;
  log: (line: string) => void;
};

export type Benchmark = {
  name: string;
  /** The goal, as stated in the issue it comes from. */
  goal: string;
  run: (ctx: BenchContext) => Promise<Omit<BenchReport, "name" | "goal" | "command" | "startedAt" | "durationS" | "machine">>;
};

/**
 * A benchmark that could not measure what it set out to (target or baseline
 * failed to start, errors during a run): the runner prints the reason and
 * exits non-zero, and no figure of that benchmark is printed.
 */
export class BenchFailure extends Error {
  override name = "BenchFailure";
}
