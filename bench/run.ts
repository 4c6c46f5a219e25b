/**
 * `npm run bench -- <name>` / `npm run bench -- all` / `npm run bench -- list`.
 * Runs benchmarks in sequence; the first that cannot measure what it set out
 * to stops the run with its reason and a non-zero exit, and none of its
 * figures is printed or written.
 */
import { BENCHMARKS } from "./benchmarks";
import { machineInfo } from "./lib/machine";
import { markdown, writeLatestMarkdown, writeReport } from "./lib/report";
import { BenchFailure, type BenchContext, type BenchReport } from "./lib/types";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchFailure(`${name} doit être un entier positif (reçu « ${raw} »)`);
  return value;
}

async function main(): Promise<number> {
  const arg = process.argv[2];
  const names = BENCHMARKS.map((b) => b.name);
  if (!arg || arg === "list" || arg === "--help") {
    console.log(`Usage : npm run bench -- <${[...names, "all"].join(" | ")}>`);
    for (const b of BENCHMARKS) console.log(`  ${b.name.padEnd(14)} ${b.goal}`);
    return arg ? 0 : 2;
  }
  const selected = arg === "all" ? BENCHMARKS : BENCHMARKS.filter((b) => b.name === arg);
  if (selected.length === 0) {
    console.error(`[bench] banc inconnu « ${arg} ». Bancs disponibles : ${names.join(", ")}, all.`);
    return 2;
  }
  const ctx: BenchContext = {
    adminUrl: ADMIN_URL,
    runs: positiveInt("BENCH_RUNS", 3),
    durationS: positiveInt("BENCH_DURATION", 10),
    log: (line) => console.log(`[bench] ${line}`),
  };
  const done: BenchReport[] = [];
  const allStarted = performance.now();
  for (const benchmark of selected) {
    ctx.log(`— ${benchmark.name} : ${benchmark.goal}`);
    const machine = await machineInfo(ADMIN_URL).catch((error: unknown) => {
      throw new BenchFailure(`serveur PostgreSQL des mesures injoignable (BENCH_DATABASE_URL : ${(error as Error).message})`);
    });
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const measured = await benchmark.run(ctx);
    const report: BenchReport = {
      name: benchmark.name,
      goal: benchmark.goal,
      command: `npm run bench -- ${benchmark.name}`,
      startedAt,
      durationS: (performance.now() - started) / 1000,
      machine,
      ...measured,
    };
    writeReport(report);
    done.push(report);
  }
  writeLatestMarkdown();
  console.log("");
  console.log(markdown(done));
  ctx.log(`terminé en ${((performance.now() - allStarted) / 1000).toFixed(0)} s ; résultats dans bench/results/`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BenchFailure) {
      console.error(`[bench] ÉCHEC : ${error.message}`);
      console.error("[bench] aucun chiffre n’est publié pour ce banc.");
    } else {
      console.error("[bench] ÉCHEC inattendu :", error);
    }
    process.exit(1);
  },
);
