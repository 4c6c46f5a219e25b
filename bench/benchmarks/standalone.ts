/**
 * The benchmarks that measure a mutation or a pure computation rather than an
 * HTTP page (deadline-surge, jury-ranking, jury-scoring), registered here so
 * that `npm run bench -- <name>` and `npm run bench -- all` run them with the
 * others and write the same JSON/Markdown reports.
 *
 * deadline-surge and jury-scoring run in a child process with the
 * react-server condition (the mutations import "server-only"), each on a
 * scratch database of the bench server.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { run as runSurge } from "../deadline-surge/index";
import { run as runRanking } from "../jury-ranking/index";
import { BenchFailure, type Benchmark } from "../lib/types";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function inChild<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawn(process.execPath, ["--conditions=react-server", path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (code !== 0 || !line) throw new BenchFailure(`${path.basename(path.dirname(script))} : la mesure a échoué (code ${code})`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as T;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

export const deadlineSurge: Benchmark = {
  name: "deadline-surge",
  goal: "200 dépôts simultanés à la dernière minute : 0 échec ni perte, p99 < 1 s, débit ≥ 30 % d’une insertion SQL brute",
  async run(ctx) {
    const runs: Awaited<ReturnType<typeof runSurge>>[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      ctx.log(`deadline-surge : série ${i + 1}/${ctx.runs}`);
      runs.push(await runSurge({ serverUrl: ctx.adminUrl }));
    }
    const m = (key: string) => median(runs.map((r) => r.metrics[key] ?? NaN));
    const failed = runs.reduce((sum, r) => sum + (r.metrics.failed ?? 0), 0);
    const lost = runs.reduce((sum, r) => sum + (r.metrics.lost ?? 0), 0);
    return {
      series: [
        {
          label: "submitDossier × 200 simultanés (verrou, validation, n° de dépôt, historique, audit, courriel en file)",
          role: "target",
          runs: runs.length,
          p50Ms: m("p50Ms"),
          p99Ms: m("p99Ms"),
          throughput: m("throughputPerS"),
          throughputUnit: "dépôts/s",
          requests: runs.length * (runs[0]?.metrics.applicants ?? 0),
          errors: failed,
          perRun: runs.map((r) => r.metrics),
        },
        {
          label: "insertion SQL brute des mêmes lignes : dossier, historique, courriel, audit — une instruction par dépôt (même pool, même concurrence)",
          role: "baseline",
          runs: runs.length,
          throughput: m("sameRowsInsertThroughputPerS"),
          throughputUnit: "dépôts/s",
        },
        {
          label: "la même insertion brute, en instruction préparée (nommée, préparée une fois par connexion, comme les instructions chaudes de l’app)",
          role: "baseline",
          runs: runs.length,
          throughput: m("preparedSameRowsInsertThroughputPerS"),
          throughputUnit: "dépôts/s",
        },
        { label: "insertion SQL brute de la seule ligne du dossier (référence des mesures précédentes)", role: "baseline", runs: runs.length, throughput: m("rawInsertThroughputPerS"), throughputUnit: "rows/s" },
      ],
      ratios: [
        { label: "débit dépôt / insertion brute des mêmes lignes", value: m("ratioToSameRows"), meaning: "objectif ≥ 0,30" },
        { label: "débit dépôt / la même insertion brute en instruction préparée", value: m("ratioToPreparedSameRows"), meaning: "lecture à avantage égal (l’app prépare ses instructions chaudes)" },
        { label: "débit dépôt / insertion brute de la seule ligne du dossier", value: m("ratioToRaw"), meaning: "comparaison avec les mesures précédentes" },
      ],
      notes: [`${failed} dépôt(s) en échec, ${lost} perdu(s) sur ${runs.length} série(s)`, ...runs.flatMap((r) => r.notes).slice(0, 3)],
    };
  },
};

export const juryRanking: Benchmark = {
  name: "jury-ranking",
  goal: "classement de 1 000 dossiers × 50 jurés × 4 critères (moyennes, normalisation, médiane, robustesse) en moins de 200 ms",
  async run() {
    const r = await runRanking();
    return {
      series: [
        { label: `computeRanking (${r.dossiers} × ${r.jurors} × ${r.criteria}, ${r.scores} notes), temps écoulé`, role: "target", runs: r.iterations, p50Ms: r.medianMs, p95Ms: r.p95Ms },
        { label: "boucle simple des moyennes par dossier (mêmes données)", role: "baseline", runs: r.iterations, p50Ms: r.baselineMedianMs },
      ],
      ratios: [{ label: "classement complet / moyennes simples", value: Math.round((r.medianMs / r.baselineMedianMs) * 10) / 10, meaning: "coût des calculs de robustesse" }],
      notes: [`temps CPU médian ${r.cpuMedianMs} ms (objectif < ${r.budgetMs} ms : ${r.cpuMedianMs < r.budgetMs ? "atteint" : "non atteint"})`],
    };
  },
};

type ScoringResult = { jurors: number; saves: number; p50Ms: number; p95Ms: number; p99Ms: number; baselineAloneP50Ms: number; budgetMs: number; withinBudget: boolean };

export const juryScoring: Benchmark = {
  name: "jury-scoring",
  goal: "15 jurés enregistrent leurs notes au même instant : p95 < 100 ms",
  async run(ctx) {
    const r = await inChild<ScoringResult>(path.join(ROOT, "bench/jury-scoring/child.ts"), { BENCH_SERVER_URL: ctx.adminUrl });
    return {
      series: [
        { label: `saveEvaluation, ${r.jurors} jurés simultanés`, role: "target", runs: 1, requests: r.saves, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms },
        { label: "saveEvaluation, un juré seul", role: "baseline", runs: 1, p50Ms: r.baselineAloneP50Ms },
      ],
      ratios: [{ label: "p50 simultané / seul", value: Math.round((r.p50Ms / r.baselineAloneP50Ms) * 10) / 10, meaning: "coût de la concurrence" }],
      notes: [`p95 ${r.p95Ms} ms (objectif < ${r.budgetMs} ms : ${r.withinBudget ? "atteint" : "non atteint"})`],
    };
  },
};
