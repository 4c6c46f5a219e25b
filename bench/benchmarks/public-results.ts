/**
 * Issue 8's benchmark, registered in the harness: the public results page
 * under 50 connections against a static file of the same size from the same
 * server (bench/public-results/index.ts does the measuring, one run).
 */
import { run as runPublicResults } from "../public-results";
import type { Benchmark } from "../lib/types";

export const publicResults: Benchmark = {
  name: "public-results",
  goal: "Page de résultats publique sous 50 connexions : ≥ 50 % du débit d’un fichier statique de même taille servi par le même serveur, p99 < 100 ms, 0 requête SQL par vue une fois en cache.",
  async run(ctx) {
    const r = await runPublicResults({ durationSeconds: ctx.durationS, log: ctx.log });
    return {
      series: [
        { label: `GET ${new URL(r.url).pathname} (page en cache)`, role: "target", runs: 1, p50Ms: r.resultsPage.p50Ms, p99Ms: r.resultsPage.p99Ms, throughput: r.resultsPage.rps, throughputUnit: "req/s", requests: r.resultsPage.requests, errors: r.resultsPage.errors, non2xx: r.resultsPage.non2xx, queriesPerRequest: r.queriesPerRequest },
        { label: `fichier statique de ${r.bytes} octets`, role: "baseline", runs: 1, p50Ms: r.staticFile.p50Ms, p99Ms: r.staticFile.p99Ms, throughput: r.staticFile.rps, throughputUnit: "req/s", requests: r.staticFile.requests, errors: r.staticFile.errors, non2xx: r.staticFile.non2xx, queriesPerRequest: 0 },
      ],
      ratios: [{ label: "débit page / fichier statique", value: r.ratio, meaning: "objectif ≥ 0,5" }],
      notes: [`Première vue (hors cache) : ${r.queriesFirstView} requêtes SQL.`, `Connexions : ${r.connections}, durée : ${r.durationSeconds} s.`],
    };
  },
};
