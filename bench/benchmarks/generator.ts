/**
 * generator — how fast the seeded generator fills a benchmark database
 * (100 000 dossiers with multi-row `unnest` inserts), against the baseline of
 * a plain single-row INSERT loop on a sample, measured in the same run on the
 * same database, tables and indexes.
 */
import pg from "pg";
import { benchDatabaseName, generateBenchDatabase, insertDossiersOneByOne, makeDossierRows, VOLUME_CALL_SLUG } from "../lib/generator";
import { median, seededRandom } from "../lib/stats";
import { BenchFailure, type Benchmark, type Series } from "../lib/types";

const LOOP_SAMPLE = 2_000;

export const generator: Benchmark = {
  name: "generator",
  goal: "Générer 100 000 dossiers (12 ministères, 300 administrations, 6 catégories, 50 jurés) vite et à l’identique : insertion groupée contre une boucle d’INSERT ligne à ligne.",
  async run(ctx) {
    const bulk: { rowsPerS: number; totalS: number }[] = [];
    const loop: number[] = [];
    let counts: Record<string, number> = {};
    for (let run = 1; run <= ctx.runs; run++) {
      const g = await generateBenchDatabase(ctx.adminUrl, benchDatabaseName(), {}, () => {});
      counts = g.counts;
      bulk.push({ rowsPerS: g.dossierRowsPerSecond, totalS: g.totalSeconds });

      // Baseline on the database just generated: same table, indexes and foreign keys.
      const client = new pg.Client({ connectionString: g.databaseUrl });
      await client.connect();
      try {
        const call = await client.query<{ id: string }>(`select id from call where slug = $1`, [VOLUME_CALL_SLUG]);
        const categories = await client.query<{ id: string }>(`select id from call_category where call_id = $1`, [call.rows[0]!.id]);
        const administrations = await client.query<{ id: string }>(`select id from administration order by name`);
        if (!call.rows[0] || categories.rows.length === 0) throw new BenchFailure("base générée incomplète : pas d’appel ou de catégories");
        const rows = makeDossierRows(
          seededRandom(run),
          LOOP_SAMPLE,
          { id: call.rows[0].id, categoryIds: categories.rows.map((r) => r.id), prefix: `LOOP-${run}` },
          administrations.rows.map((r) => r.id),
          () => "SUBMITTED",
        );
        const t = performance.now();
        await insertDossiersOneByOne(client, rows);
        loop.push(LOOP_SAMPLE / ((performance.now() - t) / 1000));
        const check = await client.query<{ n: string }>(`select count(*) n from dossier where reference like $1`, [`LOOP-${run}-%`]);
        if (Number(check.rows[0]!.n) !== LOOP_SAMPLE) throw new BenchFailure(`boucle de référence : ${check.rows[0]!.n} lignes au lieu de ${LOOP_SAMPLE}`);
      } finally {
        await client.end();
      }
      ctx.log(`  run ${run}/${ctx.runs} : groupé ${Math.round(bulk.at(-1)!.rowsPerS)} lignes/s, boucle ${Math.round(loop.at(-1)!)} lignes/s`);
    }
    const series: Series[] = [
      {
        label: "insertion groupée (unnest, lots de 5 000), 100 000 dossiers",
        role: "target",
        runs: bulk.length,
        throughput: median(bulk.map((b) => b.rowsPerS)),
        throughputUnit: "rows/s",
        perRun: bulk.map((b) => ({ rowsPerS: b.rowsPerS, totalGenerationS: b.totalS })),
      },
      {
        label: `INSERT ligne à ligne (autocommit), échantillon de ${LOOP_SAMPLE}`,
        role: "baseline",
        runs: loop.length,
        throughput: median(loop),
        throughputUnit: "rows/s",
        perRun: loop.map((rowsPerS) => ({ rowsPerS })),
      },
    ];
    return {
      series,
      ratios: [{ label: "débit groupé / boucle ligne à ligne", value: series[0]!.throughput! / series[1]!.throughput!, meaning: "gain de l’insertion groupée sur la même base" }],
      notes: [
        `Base complète (création, migrations, toutes les tables, ANALYZE) en ${median(bulk.map((b) => b.totalS)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} s (médiane) ; ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`,
        "Pas encore de notes du jury (table absente) : les 1 000 dossiers notés viendront avec le module jury.",
      ],
    };
  },
};
