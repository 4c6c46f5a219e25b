/**
 * Benchmark: ranking, normalisation and robustness (mean, normalised mean,
 * median, leave-one-juror-out) for 1 000 dossiers × 50 jurors × 4 criteria.
 * Budget: under 200 ms. The baseline, measured in the same run on the same
 * data, is a plain loop computing only the per-dossier means.
 *
 * Self-contained: `run()` returns the figures; the shared harness (bench/run.ts)
 * prints and stores them.
 */
import { computeRanking, plainMeans, type RankingInput, type RankingScore } from "@/lib/jury/ranking";

export const name = "jury-ranking";
export const budgetMs = 200;

export type JuryRankingBench = {
  name: string;
  dossiers: number;
  jurors: number;
  criteria: number;
  scores: number;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  cpuMedianMs: number;
  baselineMedianMs: number;
  budgetMs: number;
  withinBudget: boolean;
};

/** Deterministic data: a conflict (no score) on about 3 % of the cells. */
export function makeInput(dossiers = 1000, jurors = 50, criteria = 4): RankingInput {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const keys = Array.from({ length: criteria }, (_, c) => `c${c}`);
  const scores: RankingScore[] = [];
  for (let d = 0; d < dossiers; d++) {
    const quality = rand() * 10;
    for (let j = 0; j < jurors; j++) {
      if (rand() < 0.03) continue;
      const bias = ((j % 5) - 2) * 0.8;
      for (const k of keys) {
        scores.push({ jurorId: `j${j}`, dossierId: `d${d}`, criterionKey: k, valueHalf: Math.max(0, Math.min(10, Math.round(quality + bias + (rand() - 0.5) * 4))) });
      }
    }
  }
  return {
    scaleMaxHalf: 10,
    criteria: keys.map((key) => ({ key, weight: 100 / criteria, thresholdHalf: 4 })),
    dossiers: Array.from({ length: dossiers }, (_, d) => ({ id: `d${d}`, requestedCents: BigInt(5_000_000 + ((d * 7919) % 97) * 100_000), reference: `LAU-${d}` })),
    scores,
    envelopeCents: 5_000_000_000n,
    cutSize: 100,
    contestedSpreadHalf: 4,
    tieBreak: keys,
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export async function run(options: { iterations?: number } = {}): Promise<JuryRankingBench> {
  const iterations = options.iterations ?? 15;
  const input = makeInput();
  const dIndex = new Map(input.dossiers.map((d, i) => [d.id, i]));
  // Warm-up (JIT), not measured.
  computeRanking(input);
  plainMeans(input.dossiers.length, input.scores, dIndex);
  const times: number[] = [];
  const cpu: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    plainMeans(input.dossiers.length, input.scores, dIndex);
    baseline.push(performance.now() - t);
    t = performance.now();
    const c = process.cpuUsage();
    const r = computeRanking(input);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (r.dossiers.length !== input.dossiers.length) throw new Error("incomplete ranking");
  }
  const medianMs = quantile(times, 0.5);
  return {
    name,
    dossiers: input.dossiers.length,
    jurors: 50,
    criteria: input.criteria.length,
    scores: input.scores.length,
    iterations,
    medianMs: Math.round(medianMs * 10) / 10,
    p95Ms: Math.round(quantile(times, 0.95) * 10) / 10,
    // CPU time of the process (all its threads): less sensitive to a shared, loaded machine than wall time.
    cpuMedianMs: Math.round(quantile(cpu, 0.5) * 10) / 10,
    baselineMedianMs: Math.round(quantile(baseline, 0.5) * 10) / 10,
    budgetMs,
    withinBudget: quantile(times, 0.95) < budgetMs,
  };
}
