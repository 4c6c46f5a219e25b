import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRanking, type RankingInput, type RankingScore } from "./ranking";

const CRITERIA = [
  { key: "benefits", weight: 25 },
  { key: "technical", weight: 25 },
  { key: "sustainability", weight: 25 },
  { key: "budget", weight: 25 },
];

function base(scores: RankingScore[], over: Partial<RankingInput> = {}): RankingInput {
  const ids = [...new Set(scores.map((s) => s.dossierId))].sort();
  return {
    scaleMaxHalf: 10,
    criteria: CRITERIA,
    dossiers: ids.map((id) => ({ id, requestedCents: 100_000_00n })),
    scores,
    envelopeCents: 1_000_000_00n,
    cutSize: 2,
    contestedSpreadHalf: 4,
    tieBreak: ["benefits", "technical"],
    ...over,
  };
}

/** Every criterion of a juror on a dossier gets the same value. */
function flat(jurorId: string, dossierId: string, valueHalf: number): RankingScore[] {
  return CRITERIA.map((c) => ({ jurorId, dossierId, criterionKey: c.key, valueHalf }));
}

describe("computeRanking", () => {
  it("ranks by weighted mean, on the 0–5 scale, with median, sd and spread", () => {
    const r = computeRanking(base([...flat("j1", "A", 8), ...flat("j2", "A", 6), ...flat("j1", "B", 4), ...flat("j2", "B", 4)]));
    expect(r.dossiers.map((d) => d.id)).toEqual(["A", "B"]);
    const a = r.dossiers[0]!;
    expect(a).toMatchObject({ rank: 1, mean: 3.5, median: 3.5, sd: 0.5, spread: 1, jurorCount: 2, contested: false });
    expect(a.criterionMeans).toEqual({ benefits: 3.5, technical: 3.5, sustainability: 3.5, budget: 3.5 });
  });

  it("weights criteria", () => {
    const scores: RankingScore[] = [
      { jurorId: "j1", dossierId: "A", criterionKey: "benefits", valueHalf: 10 },
      { jurorId: "j1", dossierId: "A", criterionKey: "technical", valueHalf: 0 },
    ];
    const r = computeRanking(base(scores, { criteria: [{ key: "benefits", weight: 75 }, { key: "technical", weight: 25 }] }));
    expect(r.dossiers[0]!.mean).toBe(3.75);
  });

  it("does not count a recused juror against the dossier", () => {
    // j3 is conflicted on A: no scores, A's mean is the others' mean.
    const r = computeRanking(base([...flat("j1", "A", 8), ...flat("j2", "A", 8), ...flat("j1", "B", 6), ...flat("j2", "B", 6), ...flat("j3", "B", 6)]));
    expect(r.dossiers[0]).toMatchObject({ id: "A", mean: 4, jurorCount: 2 });
  });

  it("flags a contested dossier (max − min at the threshold)", () => {
    const r = computeRanking(base([...flat("j1", "A", 9), ...flat("j2", "A", 5), ...flat("j1", "B", 6), ...flat("j2", "B", 5)]));
    expect(r.dossiers.find((d) => d.id === "A")!.contested).toBe(true);
    expect(r.dossiers.find((d) => d.id === "B")!.contested).toBe(false);
  });

  it("checks thresholds per criterion", () => {
    const scores: RankingScore[] = [
      { jurorId: "j1", dossierId: "A", criterionKey: "benefits", valueHalf: 10 },
      { jurorId: "j1", dossierId: "A", criterionKey: "technical", valueHalf: 3 },
      { jurorId: "j1", dossierId: "A", criterionKey: "sustainability", valueHalf: 10 },
      { jurorId: "j1", dossierId: "A", criterionKey: "budget", valueHalf: 10 },
    ];
    const r = computeRanking(base(scores, { criteria: CRITERIA.map((c) => (c.key === "technical" ? { ...c, thresholdHalf: 4 } : c)) }));
    expect(r.dossiers[0]).toMatchObject({ thresholdsPassed: false, failedThresholds: ["technical"] });
  });

  it("accumulates requested amounts against the envelope", () => {
    const r = computeRanking(
      base([...flat("j1", "A", 8), ...flat("j1", "B", 6), ...flat("j1", "C", 4)], {
        dossiers: [
          { id: "A", requestedCents: 400n },
          { id: "B", requestedCents: 500n },
          { id: "C", requestedCents: 300n },
        ],
        envelopeCents: 1000n,
      }),
    );
    expect(r.dossiers.map((d) => [d.id, d.cumulativeRequestedCents, d.withinEnvelope])).toEqual([
      ["A", 400n, true],
      ["B", 900n, true],
      ["C", 1200n, false],
    ]);
  });

  it("breaks ties with the fixed criterion order, then the smaller request, then the reference", () => {
    const scores: RankingScore[] = [
      // Same mean (2.5): A is better on technical, B on benefits; benefits comes first.
      { jurorId: "j1", dossierId: "A", criterionKey: "benefits", valueHalf: 4 },
      { jurorId: "j1", dossierId: "A", criterionKey: "technical", valueHalf: 6 },
      { jurorId: "j1", dossierId: "B", criterionKey: "benefits", valueHalf: 6 },
      { jurorId: "j1", dossierId: "B", criterionKey: "technical", valueHalf: 4 },
    ];
    const crit = CRITERIA.slice(0, 2);
    expect(computeRanking(base(scores, { criteria: crit })).dossiers.map((d) => d.id)).toEqual(["B", "A"]);
    expect(computeRanking(base(scores, { criteria: crit, tieBreak: ["technical"] })).dossiers.map((d) => d.id)).toEqual(["A", "B"]);
    const same = [...flat("j1", "X", 6), ...flat("j1", "Y", 6), ...flat("j1", "Z", 6)];
    const r = computeRanking(
      base(same, {
        dossiers: [
          { id: "X", requestedCents: 500n, reference: "LAU-2" },
          { id: "Y", requestedCents: 300n, reference: "LAU-3" },
          { id: "Z", requestedCents: 500n, reference: "LAU-1" },
        ],
      }),
    );
    expect(r.dossiers.map((d) => d.id)).toEqual(["Y", "Z", "X"]);
  });

  it("puts unscored dossiers last", () => {
    const r = computeRanking(base(flat("j1", "A", 2), { dossiers: [{ id: "U", requestedCents: 1n }, { id: "A", requestedCents: 1n }] }));
    expect(r.dossiers.map((d) => [d.id, d.mean])).toEqual([
      ["A", 1],
      ["U", null],
    ]);
  });

  it("normalises a harsh juror: z-scores rescaled to the scale", () => {
    // j1 is harsh (1–2), j2 generous (4–5); both prefer A over B.
    const r = computeRanking(base([...flat("j1", "A", 4), ...flat("j1", "B", 2), ...flat("j2", "A", 10), ...flat("j2", "B", 8)]));
    const a = r.dossiers.find((d) => d.id === "A")!;
    const b = r.dossiers.find((d) => d.id === "B")!;
    expect(a.jurors.find((j) => j.jurorId === "j1")!.normalised).toBeCloseTo(a.jurors.find((j) => j.jurorId === "j2")!.normalised, 9);
    expect(a.normalisedMean!).toBeGreaterThan(b.normalisedMean!);
    for (const d of r.dossiers)
      for (const j of d.jurors) {
        expect(j.normalised).toBeGreaterThanOrEqual(0);
        expect(j.normalised).toBeLessThanOrEqual(5);
      }
  });

  it("shows which dossiers are fragile at the cut line", () => {
    // Top 1: A leads on the mean thanks to one enthusiastic juror; B leads on the median.
    const r = computeRanking(
      base([...flat("j1", "A", 10), ...flat("j2", "A", 4), ...flat("j3", "A", 4), ...flat("j1", "B", 6), ...flat("j2", "B", 5), ...flat("j3", "B", 5)], {
        cutSize: 1,
      }),
    );
    expect(r.robustness.top.mean).toEqual(["A"]);
    expect(r.robustness.top.median).toEqual(["B"]);
    expect(r.robustness.leaveOneOutVariants).toBe(3);
    const a = r.robustness.rows.find((x) => x.id === "A")!;
    expect(a.leaves).toEqual(expect.arrayContaining(["median", "leaveOneOut"]));
    expect(a.leaveOneOutInTop).toBe(2);
    const b = r.robustness.rows.find((x) => x.id === "B")!;
    expect(b.enters).toEqual(expect.arrayContaining(["median", "leaveOneOut"]));
    expect(r.robustness.fragile.map((x) => x.id).sort()).toEqual(["A", "B"]);
  });

  it("with a single juror, leave-one-out has no variant and flags nothing by itself", () => {
    const r = computeRanking(base([...flat("j1", "A", 8), ...flat("j1", "B", 4)], { cutSize: 1 }));
    expect(r.robustness.leaveOneOutVariants).toBe(0);
    expect(r.robustness.fragile).toEqual([]);
  });
});

// Properties.
const scoresArb = fc
  .record({
    dossiers: fc.integer({ min: 1, max: 8 }),
    jurors: fc.integer({ min: 1, max: 6 }),
    cells: fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), { minLength: 8 * 6 * 4, maxLength: 8 * 6 * 4 }),
  })
  .map(({ dossiers, jurors, cells }) => {
    const scores: RankingScore[] = [];
    for (let d = 0; d < dossiers; d++)
      for (let j = 0; j < jurors; j++)
        CRITERIA.forEach((c, ci) => {
          const v = cells[(d * 6 + j) * 4 + ci];
          if (v !== undefined) scores.push({ jurorId: `j${j}`, dossierId: `d${d}`, criterionKey: c.key, valueHalf: v });
        });
    const dossierList = Array.from({ length: dossiers }, (_, d) => ({ id: `d${d}`, requestedCents: BigInt(1000 + ((d * 7919) % 13) * 100) }));
    return { scores, dossierList, jurors };
  });

const inputOf = (scores: RankingScore[], dossiers: RankingInput["dossiers"]): RankingInput => ({ ...base(scores), dossiers, cutSize: 3 });

describe("computeRanking properties", () => {
  it("does not depend on the order of scores, dossiers or criteria", () => {
    fc.assert(
      fc.property(scoresArb, fc.integer(), ({ scores, dossierList }, seed) => {
        const shuffle = <T,>(xs: T[]) => fc.sample(fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }), { numRuns: 1, seed })[0]!;
        const a = computeRanking(inputOf(scores, dossierList));
        const b = computeRanking({ ...inputOf(shuffle(scores), shuffle(dossierList)), criteria: shuffle(CRITERIA) });
        expect(b.dossiers.map((d) => [d.id, d.mean, d.median, d.normalisedMean])).toEqual(a.dossiers.map((d) => [d.id, d.mean, d.median, d.normalisedMean]));
        expect(b.robustness.fragile.map((r) => r.id)).toEqual(a.robustness.fragile.map((r) => r.id));
      }),
      { numRuns: 150 },
    );
  });

  it("a recused juror never lowers a dossier: the mean is the others' mean, at least what a zero would give", () => {
    fc.assert(
      fc.property(scoresArb, fc.nat(), fc.nat(), ({ scores, dossierList, jurors }, dPick, jPick) => {
        const dossierId = dossierList[dPick % dossierList.length]!.id;
        const jurorId = `j${jPick % jurors}`;
        const others = scores.filter((s) => !(s.dossierId === dossierId && s.jurorId === jurorId));
        const zeroed = [...others, ...flat(jurorId, dossierId, 0)];
        const recused = computeRanking(inputOf(others, dossierList)).dossiers.find((d) => d.id === dossierId)!;
        const withZero = computeRanking(inputOf(zeroed, dossierList)).dossiers.find((d) => d.id === dossierId)!;
        expect(recused.jurors.some((j) => j.jurorId === jurorId)).toBe(false);
        if (recused.mean !== null) expect(recused.mean).toBeGreaterThanOrEqual(withZero.mean!);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps every statistic on the scale and the ranking complete and consistent", () => {
    fc.assert(
      fc.property(scoresArb, ({ scores, dossierList }) => {
        const r = computeRanking(inputOf(scores, dossierList));
        expect(r.dossiers.map((d) => d.rank)).toEqual(dossierList.map((_, i) => i + 1));
        expect(new Set(r.dossiers.map((d) => d.id)).size).toBe(dossierList.length);
        const means = r.dossiers.map((d) => d.mean).filter((m): m is number => m !== null);
        expect([...means].sort((x, y) => y - x)).toEqual(means);
        for (const d of r.dossiers) {
          for (const v of [d.mean, d.median, d.normalisedMean, d.spread])
            if (v !== null) {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(5);
            }
          if (d.spread !== null) expect(d.contested).toBe(d.jurorCount > 1 && d.spread * 2 >= 4);
        }
        expect(r.robustness.top.mean).toEqual(r.dossiers.slice(0, 3).map((d) => d.id));
      }),
      { numRuns: 150 },
    );
  });

  it("leave-one-out: with every juror scoring the same, nothing is fragile", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 2, max: 5 }), (values, jurors) => {
        const scores = values.flatMap((v, d) => Array.from({ length: jurors }, (_, j) => flat(`j${j}`, `d${d}`, v)).flat());
        const r = computeRanking({ ...base(scores), dossiers: values.map((_, d) => ({ id: `d${d}`, requestedCents: 1n })), cutSize: 1 });
        expect(r.robustness.leaveOneOutVariants).toBe(jurors);
        expect(r.robustness.fragile).toEqual([]);
      }),
    );
  });
});
