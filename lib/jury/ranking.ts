/**
 * The jury's ranking, as a pure function (no database): weighted means over
 * the scores that exist (a recused juror is absent, never a zero), per-juror
 * z-score normalisation rescaled to the scale, dispersion and a contested
 * flag, thresholds, cumulative requested amount against the envelope, and a
 * robustness view at the cut line.
 *
 * Scores are integers in half-points (0–10 for a 0–5 scale): per-criterion
 * sums are exact, so the weighted mean does not depend on input order. Float
 * statistics (sd, z-scores) are rounded to 1e-9 before any comparison for the
 * same reason.
 */

export type RankingCriterion = {
  key: string;
  /** Relative weight (percent in the app; any positive integer works). */
  weight: number;
  /** Minimum mean on this criterion, in half-points; null: none. */
  thresholdHalf?: number | null;
};

export type RankingDossier = {
  id: string;
  requestedCents: bigint;
  /** Stable last tie-break (the receipt number); defaults to the id. */
  reference?: string | null;
};

export type RankingScore = { jurorId: string; dossierId: string; criterionKey: string; valueHalf: number };

export type RankingInput = {
  /** Top of the scale in half-points (10 for 0–5). */
  scaleMaxHalf: number;
  criteria: RankingCriterion[];
  dossiers: RankingDossier[];
  scores: RankingScore[];
  envelopeCents: bigint;
  /** How many dossiers the jury means to retain (the cut line). */
  cutSize: number;
  /** A dossier is contested when max − min of juror scores reaches this (half-points). */
  contestedSpreadHalf: number;
  /** Criterion keys compared in this order when means are equal, fixed before the day. */
  tieBreak: string[];
};

export type RobustnessMethod = "mean" | "normalised" | "median" | "leaveOneOut";

export type RankedDossier = {
  id: string;
  rank: number;
  jurorCount: number;
  /** On the scale (0–5), null when nobody scored it. */
  mean: number | null;
  normalisedMean: number | null;
  median: number | null;
  sd: number | null;
  spread: number | null;
  contested: boolean;
  /** Per criterion mean on the scale (null: no score). */
  criterionMeans: Record<string, number | null>;
  /** Every threshold met; null when unscored. */
  thresholdsPassed: boolean | null;
  failedThresholds: string[];
  /** Per juror weighted score and normalised score, on the scale. */
  jurors: { jurorId: string; score: number; normalised: number }[];
  requestedCents: bigint;
  cumulativeRequestedCents: bigint;
  withinEnvelope: boolean;
};

export type RobustnessRow = {
  id: string;
  inTop: Record<"mean" | "normalised" | "median", boolean>;
  /** Leave-one-juror-out variants in which the dossier is in the top N, out of `leaveOneOutVariants`. */
  leaveOneOutInTop: number;
  /** Methods under which it enters (out under mean) or leaves (in under mean) the top N. */
  enters: RobustnessMethod[];
  leaves: RobustnessMethod[];
  fragile: boolean;
};

export type Robustness = {
  cutSize: number;
  leaveOneOutVariants: number;
  top: Record<"mean" | "normalised" | "median", string[]>;
  /** Only dossiers whose membership of the top N is not the same under every method. */
  fragile: RobustnessRow[];
  rows: RobustnessRow[];
};

export type Ranking = { dossiers: RankedDossier[]; robustness: Robustness };

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * The two big working arrays (dossiers × jurors × criteria) are reused from
 * one call to the next: the function is synchronous and nothing it returns
 * points into them. Fresh megabyte-sized buffers on every call made V8 run
 * full collections (external memory pressure) that cost more than the maths.
 */
const scratch = (() => {
  let ints = new Int32Array(0);
  let floats = new Float64Array(0);
  return {
    int(n: number) {
      if (ints.length < n) ints = new Int32Array(n);
      return ints.subarray(0, n);
    },
    float(n: number) {
      if (floats.length < n) floats = new Float64Array(n);
      return floats.subarray(0, n);
    },
  };
})();

export function computeRanking(input: RankingInput): Ranking {
  const criteria = [...input.criteria].sort((a, b) => cmpStr(a.key, b.key));
  const C = criteria.length;
  const cIndex = new Map(criteria.map((c, i) => [c.key, i]));
  const weights = criteria.map((c) => c.weight);
  const dossiers = input.dossiers;
  const D = dossiers.length;
  const dIndex = new Map(dossiers.map((d, i) => [d.id, i]));
  const jurorSet = new Set<string>();
  for (const s of input.scores) jurorSet.add(s.jurorId);
  const jurorIds = [...jurorSet].sort(cmpStr);
  const J = jurorIds.length;
  const jIndex = new Map(jurorIds.map((j, i) => [j, i]));

  // values[(d*J + j)*C + c], -1 when absent.
  const values = scratch.int(D * J * C).fill(-1);
  // Scores usually arrive grouped by juror and dossier: remembering the last
  // lookup skips most Map hashing on large inputs.
  let lastD = "";
  let lastDi: number | undefined;
  let lastJ = "";
  let lastJi = 0;
  for (const s of input.scores) {
    if (s.dossierId !== lastD) {
      lastD = s.dossierId;
      lastDi = dIndex.get(lastD);
    }
    if (s.jurorId !== lastJ) {
      lastJ = s.jurorId;
      lastJi = jIndex.get(lastJ)!;
    }
    const c = cIndex.get(s.criterionKey);
    if (lastDi === undefined || c === undefined) continue;
    values[(lastDi * J + lastJi) * C + c] = s.valueHalf;
  }

  // Per dossier × criterion integer sums and counts (exact, order-free).
  const sums = new Int32Array(D * C);
  const counts = new Int32Array(D * C);
  // Juror weighted score per dossier in half-points, NaN when absent.
  const jurorScore = scratch.float(D * J).fill(NaN);
  for (let d = 0; d < D; d++) {
    for (let j = 0; j < J; j++) {
      let num = 0;
      let den = 0;
      const base = (d * J + j) * C;
      for (let c = 0; c < C; c++) {
        const v = values[base + c]!;
        if (v < 0) continue;
        sums[d * C + c]! += v;
        counts[d * C + c]! += 1;
        num += weights[c]! * v;
        den += weights[c]!;
      }
      if (den > 0) jurorScore[d * J + j] = num / den;
    }
  }

  /** Weighted mean of per-criterion means (half-points), optionally without one juror; NaN when unscored. */
  const meansInto = (skipJuror: number, outMean: Float64Array, outCrit: Float64Array) => {
    for (let d = 0; d < D; d++) {
      let num = 0;
      let den = 0;
      for (let c = 0; c < C; c++) {
        let s = sums[d * C + c]!;
        let n = counts[d * C + c]!;
        if (skipJuror >= 0) {
          const v = values[(d * J + skipJuror) * C + c]!;
          if (v >= 0) {
            s -= v;
            n -= 1;
          }
        }
        if (n === 0) {
          outCrit[d * C + c] = NaN;
          continue;
        }
        outCrit[d * C + c] = round9(s / n);
        num += weights[c]! * (s / n);
        den += weights[c]!;
      }
      outMean[d] = den === 0 ? NaN : round9(num / den);
    }
  };

  // Per-juror normalisation: z-score over the dossiers the juror scored,
  // rescaled with the pooled mean and sd of all juror scores.
  const jMean = new Float64Array(J);
  const jSd = new Float64Array(J);
  let poolSum = 0;
  let poolSq = 0;
  let poolN = 0;
  for (let j = 0; j < J; j++) {
    let s = 0;
    let sq = 0;
    let n = 0;
    for (let d = 0; d < D; d++) {
      const v = jurorScore[d * J + j]!;
      if (Number.isNaN(v)) continue;
      s += v;
      sq += v * v;
      n++;
    }
    poolSum += s;
    poolSq += sq;
    poolN += n;
    const m = n ? s / n : 0;
    jMean[j] = m;
    jSd[j] = n ? Math.sqrt(Math.max(0, sq / n - m * m)) : 0;
  }
  const poolMean = poolN ? poolSum / poolN : 0;
  const poolSd = poolN ? Math.sqrt(Math.max(0, poolSq / poolN - poolMean * poolMean)) : 0;
  const normalise = (j: number, v: number) => {
    const z = jSd[j]! > 1e-12 ? (v - jMean[j]!) / jSd[j]! : 0;
    return Math.min(input.scaleMaxHalf, Math.max(0, poolMean + z * poolSd));
  };

  const tieOrder = input.tieBreak.map((k) => cIndex.get(k)).filter((i): i is number => i !== undefined);
  const refOf = (d: number) => dossiers[d]!.reference ?? dossiers[d]!.id;
  const compare = (primary: Float64Array, mean: Float64Array, crit: Float64Array) => (a: number, b: number) => {
    const pa = primary[a]!;
    const pb = primary[b]!;
    const na = Number.isNaN(pa);
    const nb = Number.isNaN(pb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && pa !== pb) return pb - pa;
    if (!na) {
      if (mean[a] !== mean[b]) return mean[b]! - mean[a]!;
      for (const c of tieOrder) {
        const x = crit[a * C + c]!;
        const y = crit[b * C + c]!;
        if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
        if (!Number.isNaN(x) && x !== y) return y - x;
      }
    }
    // Then the smaller request (it leaves more of the envelope), then the reference.
    const ra = dossiers[a]!.requestedCents;
    const rb = dossiers[b]!.requestedCents;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return cmpStr(refOf(a), refOf(b));
  };

  const meanArr = new Float64Array(D);
  const critArr = new Float64Array(D * C);
  meansInto(-1, meanArr, critArr);
  const normArr = new Float64Array(D);
  const medianArr = new Float64Array(D);
  const rows: Omit<RankedDossier, "rank" | "cumulativeRequestedCents" | "withinEnvelope">[] = new Array(D);
  const sorted: number[] = [];
  for (let d = 0; d < D; d++) {
    const scored = !Number.isNaN(meanArr[d]!);
    sorted.length = 0;
    const jurors: RankedDossier["jurors"] = [];
    let normSum = 0;
    for (let j = 0; j < J; j++) {
      const v = jurorScore[d * J + j]!;
      if (Number.isNaN(v)) continue;
      sorted.push(v);
      const nv = normalise(j, v);
      normSum += nv;
      jurors.push({ jurorId: jurorIds[j]!, score: round9(v / 2), normalised: round9(nv / 2) });
    }
    const n = sorted.length;
    let median = NaN;
    let sd = NaN;
    let spread = NaN;
    if (n > 0) {
      sorted.sort((x, y) => x - y);
      median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      const m = sorted.reduce((s, x) => s + x, 0) / n;
      sd = Math.sqrt(sorted.reduce((s, x) => s + (x - m) * (x - m), 0) / n);
      spread = sorted[n - 1]! - sorted[0]!;
    }
    medianArr[d] = n ? round9(median) : NaN;
    normArr[d] = n ? round9(normSum / n) : NaN;
    const criterionMeans: Record<string, number | null> = {};
    const failedThresholds: string[] = [];
    criteria.forEach((c, i) => {
      const cm = critArr[d * C + i]!;
      criterionMeans[c.key] = Number.isNaN(cm) ? null : round9(cm / 2);
      if (c.thresholdHalf != null && (Number.isNaN(cm) || round9(cm) < c.thresholdHalf)) failedThresholds.push(c.key);
    });
    rows[d] = {
      id: dossiers[d]!.id,
      jurorCount: n,
      mean: scored ? round9(meanArr[d]! / 2) : null,
      normalisedMean: n ? round9(normSum / n / 2) : null,
      median: n ? round9(median / 2) : null,
      sd: n ? round9(sd / 2) : null,
      spread: n ? round9(spread / 2) : null,
      contested: n > 1 && round9(spread) >= input.contestedSpreadHalf,
      criterionMeans,
      thresholdsPassed: scored ? failedThresholds.length === 0 : null,
      failedThresholds,
      jurors,
      requestedCents: dossiers[d]!.requestedCents,
    };
  }

  const order = (primary: Float64Array) => {
    const idx = Array.from({ length: D }, (_, i) => i);
    idx.sort(compare(primary, meanArr, critArr));
    return idx;
  };
  const byMean = order(meanArr);
  let cumulative = 0n;
  const ranked: RankedDossier[] = byMean.map((d, position) => {
    cumulative += dossiers[d]!.requestedCents;
    return { ...rows[d]!, rank: position + 1, cumulativeRequestedCents: cumulative, withinEnvelope: cumulative <= input.envelopeCents };
  });

  // Robustness at the cut line.
  const N = Math.max(0, Math.min(input.cutSize, D));
  const topSet = (idx: number[]) => new Set(idx.slice(0, N));
  const topMean = topSet(byMean);
  const topNorm = topSet(order(normArr));
  const topMedian = topSet(order(medianArr));
  // With a single juror, leaving them out leaves nothing to rank: no variant.
  const looSets: Set<number>[] = [];
  if (J > 1) {
    const looArr = new Float64Array(D);
    const looCrit = new Float64Array(D * C);
    const idx = Array.from({ length: D }, (_, i) => i);
    for (let j = 0; j < J; j++) {
      meansInto(j, looArr, looCrit);
      idx.sort(compare(looArr, looArr, looCrit));
      looSets.push(new Set(idx.slice(0, N)));
    }
  }
  const robustRows: RobustnessRow[] = byMean.map((d) => {
    const inMean = topMean.has(d);
    const inTop = { mean: inMean, normalised: topNorm.has(d), median: topMedian.has(d) };
    const looIn = looSets.reduce((s, set) => s + (set.has(d) ? 1 : 0), 0);
    const enters: RobustnessMethod[] = [];
    const leaves: RobustnessMethod[] = [];
    for (const m of ["normalised", "median"] as const) {
      if (inTop[m] && !inMean) enters.push(m);
      if (!inTop[m] && inMean) leaves.push(m);
    }
    if (!inMean && looIn > 0) enters.push("leaveOneOut");
    if (inMean && looIn < looSets.length) leaves.push("leaveOneOut");
    return { id: dossiers[d]!.id, inTop, leaveOneOutInTop: looIn, enters, leaves, fragile: enters.length + leaves.length > 0 };
  });
  const ids = (set: Set<number>) => byMean.filter((d) => set.has(d)).map((d) => dossiers[d]!.id);
  return {
    dossiers: ranked,
    robustness: {
      cutSize: N,
      leaveOneOutVariants: looSets.length,
      top: { mean: ids(topMean), normalised: ids(topNorm), median: ids(topMedian) },
      fragile: robustRows.filter((r) => r.fragile),
      rows: robustRows,
    },
  };
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Baseline for the benchmark: only the plain per-dossier mean, one loop. */
export function plainMeans(dossierCount: number, scores: RankingScore[], dossierIndex: Map<string, number>): Float64Array {
  const sum = new Float64Array(dossierCount);
  const n = new Float64Array(dossierCount);
  for (const s of scores) {
    const d = dossierIndex.get(s.dossierId)!;
    sum[d]! += s.valueHalf;
    n[d]! += 1;
  }
  for (let d = 0; d < dossierCount; d++) sum[d] = n[d] ? sum[d]! / n[d]! : NaN;
  return sum;
}
