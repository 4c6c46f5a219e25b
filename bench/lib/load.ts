/**
 * Load driver on loopback: autocannon as a library. Each run records every
 * response time itself (autocannon's summary has no p95), so percentiles are
 * exact over the run. Several runs, alternating target and baseline, and the
 * median over runs is what gets reported: on a shared 2-core machine a
 * neighbour's build hits both sides alike and the ratio holds.
 */
import autocannon from "autocannon";
import { median, percentile } from "./stats";
import { BenchFailure, type Series } from "./types";

/**
 * One series to measure. `run` does one timed run; `probe` checks, before
 * anything is measured, that the target answers correctly (a target that
 * fails to start stops the benchmark: no figure is made up for it).
 * `server: true` samples the server's memory and query counter during its runs.
 */
export type LoadTarget = {
  label: string;
  role: "target" | "baseline";
  probe: () => Promise<void>;
  run: (durationS: number) => Promise<LoadRun>;
  /** One request, alone: used to count the SQL statements of exactly one request. */
  once?: () => Promise<void>;
  server?: boolean;
};
export type LoadRun = { p50Ms: number; p95Ms: number; p99Ms: number; rps: number; requests: number; errors: number; timeouts: number; non2xx: number };

/** An HTTP GET target driven by autocannon; the probe expects `expectStatus` (200). */
export function httpTarget(label: string, role: "target" | "baseline", url: string, connections: number, options: { server?: boolean; expectStatus?: number } = {}): LoadTarget {
  const expected = options.expectStatus ?? 200;
  return {
    label,
    role,
    server: options.server,
    async probe() {
      const response = await fetch(url).catch((error: unknown) => {
        throw new BenchFailure(`${label} injoignable (${(error as Error).message})`);
      });
      await response.arrayBuffer();
      if (response.status !== expected) throw new BenchFailure(`${label} répond HTTP ${response.status} (attendu ${expected}) à ${url} : rien n’est mesuré`);
    },
    run: (durationS) => loadRun(url, connections, durationS),
    async once() {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== expected) throw new BenchFailure(`${label} répond HTTP ${response.status} (attendu ${expected})`);
    },
  };
}

export async function loadRun(url: string, connections: number, durationS: number): Promise<LoadRun> {
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({ url, connections, duration: durationS, timeout: 30 });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const result = await instance;
  if (latencies.length === 0) throw new BenchFailure(`aucune réponse de ${url} pendant ${durationS} s (${result.errors} erreurs)`);
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    rps: latencies.length / result.duration,
    requests: latencies.length,
    errors: result.errors + result.timeouts,
    timeouts: result.timeouts,
    non2xx,
  };
}

export type LoadOptions = {
  runs: number;
  durationS: number;
  warmupS: number;
  log: (line: string) => void;
  /** Sampled every 250 ms during the runs of each `server` target. */
  rssMb?: () => number;
  queryCount?: () => Promise<number>;
};

const QUERY_SAMPLE = 20;

/** Probe and warm up every target, then `runs` rounds, each running every target once (interleaved). */
export async function measureLoad(targets: LoadTarget[], options: LoadOptions): Promise<Series[]> {
  const { runs, durationS, warmupS, log } = options;
  for (const t of targets) await t.probe();
  for (const t of targets) {
    // Requests still queued from the previous warm-up must not starve this one.
    if (options.queryCount) await settle(options.queryCount);
    log(`échauffement ${t.label} (${warmupS} s)`);
    try {
      await t.run(warmupS);
    } catch (error) {
      // Nothing is reported from a warm-up; a target that never answers fails its measured runs.
      if (!(error instanceof BenchFailure)) throw error;
      log(`  échauffement sans réponse : ${error.message}`);
    }
  }
  const perTarget = targets.map(() => ({ runs: [] as LoadRun[], rssPeak: 0, queries: 0, requests: 0 }));
  for (let run = 1; run <= runs; run++) {
    for (const [i, t] of targets.entries()) {
      const acc = perTarget[i]!;
      const sampleServer = t.server === true;
      // Requests still in flight from the previous run must not weigh on this one.
      if (options.queryCount) await settle(options.queryCount);
      let rssPeak = sampleServer && options.rssMb ? options.rssMb() : 0;
      const sampler = sampleServer && options.rssMb ? setInterval(() => (rssPeak = Math.max(rssPeak, options.rssMb!())), 250) : undefined;
      let r: LoadRun;
      try {
        r = await t.run(durationS);
      } finally {
        clearInterval(sampler);
      }
      acc.rssPeak = Math.max(acc.rssPeak, rssPeak);
      acc.runs.push(r);
      log(`  run ${run}/${runs} ${t.label} : p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.rps.toFixed(0)}/s, ${r.errors} erreurs, ${r.non2xx} non-2xx`);
    }
  }
  // Statements per request, counted on requests sent one at a time to a server at rest: under
  // load, requests cut off at the end of a run are served (and query) without being counted.
  for (const [i, t] of targets.entries()) {
    if (!t.server || !t.once || !options.queryCount) continue;
    const acc = perTarget[i]!;
    const before = await settle(options.queryCount);
    for (let n = 0; n < QUERY_SAMPLE; n++) await t.once();
    acc.queries = (await settle(options.queryCount)) - before;
    acc.requests = QUERY_SAMPLE;
  }
  return targets.map((t, i) => {
    const acc = perTarget[i]!;
    const rs = acc.runs;
    const series: Series = {
      label: t.label,
      role: t.role,
      runs: rs.length,
      p50Ms: median(rs.map((r) => r.p50Ms)),
      p95Ms: median(rs.map((r) => r.p95Ms)),
      p99Ms: median(rs.map((r) => r.p99Ms)),
      throughput: median(rs.map((r) => r.rps)),
      throughputUnit: "req/s",
      requests: rs.reduce((s, r) => s + r.requests, 0),
      errors: rs.reduce((s, r) => s + r.errors, 0),
      non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
      perRun: rs.map((r) => ({ ...r })),
    };
    if (t.server && options.rssMb) series.rssPeakMb = acc.rssPeak;
    if (t.server && options.queryCount && acc.requests > 0) series.queriesPerRequest = acc.queries / acc.requests;
    return series;
  });
}

/** Waits until the server's query counter stops moving (its in-flight requests are done); returns it. */
async function settle(queryCount: () => Promise<number>, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = await queryCount();
  let stable = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 400));
    const now = await queryCount();
    stable = now === last ? stable + 1 : 0;
    if (stable >= 2) return now;
    if (Date.now() > deadline) throw new BenchFailure(`le serveur traite encore des requêtes ${timeoutMs / 1000} s après la fin d’un run`);
    last = now;
  }
}
