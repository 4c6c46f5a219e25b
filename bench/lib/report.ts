/**
 * Results: one JSON file per benchmark (bench/results/<name>.json, every
 * per-run figure kept) and a Markdown table rebuilt from all of them
 * (bench/results/latest.md), so running one benchmark updates only its rows.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchReport, Series } from "./types";

export const RESULTS_DIR = path.resolve("bench", "results");

export function writeReport(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${report.name}.json`);
  // Written whole or not at all: a killed run never leaves half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2) + "\n");
  renameSync(`${file}.tmp`, file);
  return file;
}

export function readReports(): BenchReport[] {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), "utf8")) as BenchReport);
}

const fmt = (value: number | undefined, digits = 1) =>
  value === undefined ? "—" : value.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

function seriesRow(report: BenchReport, s: Series): string {
  const throughput = s.throughput === undefined ? "—" : `${fmt(s.throughput, 0)} ${s.throughputUnit ?? ""}`.trim();
  return `| ${report.name} | ${s.label} | ${s.role === "target" ? "cible" : "référence"} | ${s.runs} | ${fmt(s.p50Ms)} | ${fmt(s.p95Ms)} | ${fmt(s.p99Ms)} | ${throughput} | ${fmt(s.errors, 0)} | ${fmt(s.non2xx, 0)} | ${fmt(s.rssPeakMb, 0)} | ${fmt(s.queriesPerRequest, 2)} |`;
}

export function markdown(reports: BenchReport[]): string {
  const lines: string[] = [];
  lines.push("| Banc | Série | Rôle | Runs | p50 ms | p95 ms | p99 ms | Débit (médiane) | Erreurs | Non-2xx | RSS max Mo | Requêtes SQL / req |");
  lines.push("| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |");
  for (const r of reports) for (const s of r.series) lines.push(seriesRow(r, s));
  lines.push("");
  lines.push("| Banc | Rapport | Valeur | Lecture |");
  lines.push("| --- | --- | --: | --- |");
  for (const r of reports) for (const q of r.ratios) lines.push(`| ${r.name} | ${q.label} | ${fmt(q.value, 2)} | ${q.meaning} |`);
  lines.push("");
  for (const r of reports) {
    const m = r.machine;
    lines.push(
      `- **${r.name}** — ${r.startedAt.slice(0, 16).replace("T", " ")} UTC, ${fmt(r.durationS, 0)} s ; ${m.cpus} cœurs (${m.cpuModel}), ${fmt(m.memoryGb)} Go, ` +
        `charge au départ ${m.loadAverageAtStart.join(" / ")}, Node ${m.node}, PostgreSQL ${m.postgres ?? "?"} ; \`${r.command}\``,
    );
    for (const note of r.notes) lines.push(`  - ${note}`);
  }
  for (const r of reports) {
    for (const a of r.appendix ?? []) lines.push("", `<details><summary>${r.name} — ${a.title}</summary>`, "", "```text", a.text, "```", "", "</details>");
  }
  return lines.join("\n") + "\n";
}

export function writeLatestMarkdown(): string {
  const text = `<!-- Généré par \`npm run bench\` à partir de bench/results/*.json : ne pas modifier à la main. -->\n\n${markdown(readReports())}`;
  const file = path.join(RESULTS_DIR, "latest.md");
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return file;
}
