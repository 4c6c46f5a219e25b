/**
 * Seeded generator of realistic volumes for the benchmarks, into a dedicated
 * database (dropped and recreated, then migrated like production):
 * 12 ministries, 300 administrations, 6 categories, 50 jurors, the
 * 69-dossier 2021 round (published results) and a large call of 100 000
 * dossiers in instruction. Same seed, same rows (ids included).
 *
 * Rows go in with multi-row `INSERT … SELECT FROM unnest($1::uuid[], …)`,
 * one statement per batch: one round trip and one plan per 5 000 rows.
 */
import pg from "pg";
import { createFreshDatabase, migrate } from "@/lib/server/database";
import { seededRandom, seededUuid } from "./stats";

export const BENCH_SEED = 20_260_101;
export const PUBLISHED_CALL_SLUG = "donnee-administration-2021";
export const VOLUME_CALL_SLUG = "appel-volume-2026";

export type GeneratorOptions = { dossiers?: number; administrations?: number; jurors?: number; batchSize?: number };
export type GeneratorReport = {
  databaseUrl: string;
  counts: Record<string, number>;
  dossierInsertSeconds: number;
  dossierRowsPerSecond: number;
  totalSeconds: number;
};

const MINISTRIES = [
  ["ARM", "Ministère des Armées"],
  ["MTE", "Ministère de la Transition écologique"],
  ["INT", "Ministère de l’Intérieur"],
  ["MER", "Ministère de la Mer"],
  ["SSA", "Ministère des Solidarités et de la Santé"],
  ["ECO", "Ministère de l’Économie, des Finances et de la Relance"],
  ["MEN", "Ministère de l’Éducation nationale"],
  ["CUL", "Ministère de la Culture"],
  ["JUS", "Ministère de la Justice"],
  ["AGR", "Ministère de l’Agriculture et de l’Alimentation"],
  ["TRA", "Ministère du Travail, de l’Emploi et de l’Insertion"],
  ["ESR", "Ministère de l’Enseignement supérieur et de la Recherche"],
] as const;
const KINDS = ["CENTRAL", "DECENTRALISED", "OPERATOR", "SOCIAL_SECURITY", "LOCAL_AUTHORITY"] as const;
const CATEGORIES = [
  ["pilotage", "Pilotage de l’action publique"],
  ["usagers", "Services aux usagers"],
  ["ouverture", "Ouverture et partage des données"],
  ["qualite", "Qualité des données"],
  ["ia", "Intelligence artificielle"],
  ["infrastructures", "Infrastructures de données"],
] as const;
const CRITERIA = [
  ["benefices", "Bénéfices potentiels"],
  ["pertinence", "Pertinence technique et crédibilité"],
  ["perennite", "Pérennité"],
  ["budget", "Adéquation du budget"],
] as const;
const TOPICS = [
  "Tableau de bord des délais de traitement",
  "Entrepôt de données des demandes usagers",
  "API de référentiel des sites",
  "Détection des doublons dans les fichiers métiers",
  "Catalogue interne des jeux de données",
  "Prévision des volumes d’appels",
  "Qualité des adresses dans les bases de gestion",
  "Classification automatique des courriers",
];
/** Status mix of a call in instruction (weights add up to 100). */
const VOLUME_STATUSES: [string, number][] = [
  ["DRAFT", 12],
  ["SUBMITTED", 40],
  ["UNDER_REVIEW", 25],
  ["CORRECTION_REQUESTED", 5],
  ["PRESELECTED", 8],
  ["NOT_PRESELECTED", 8],
  ["WITHDRAWN", 2],
];

export type DossierRow = {
  id: string;
  callId: string;
  administrationId: string;
  categoryId: string;
  reference: string | null;
  title: string;
  summary: string;
  status: string;
  requestedCents: bigint;
  totalCostCents: bigint;
  content: string;
  submittedAt: Date | null;
};

/** Multi-row insert of dossiers: one statement for all `rows`. */
export async function insertDossiersBulk(client: pg.ClientBase, rows: DossierRow[]): Promise<void> {
  await client.query(
    `insert into dossier (id, call_id, administration_id, category_id, reference, title, summary, status,
                          requested_cents, total_cost_cents, content, submitted_at)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                          $8::dossier_status[], $9::bigint[], $10::bigint[], $11::jsonb[], $12::timestamptz[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.callId),
      rows.map((r) => r.administrationId),
      rows.map((r) => r.categoryId),
      rows.map((r) => r.reference),
      rows.map((r) => r.title),
      rows.map((r) => r.summary),
      rows.map((r) => r.status),
      rows.map((r) => r.requestedCents.toString()),
      rows.map((r) => r.totalCostCents.toString()),
      rows.map((r) => r.content),
      rows.map((r) => r.submittedAt?.toISOString() ?? null),
    ],
  );
}

/** The baseline: one parameterised INSERT per row, autocommit, as a naive loader would. */
export async function insertDossiersOneByOne(client: pg.ClientBase, rows: DossierRow[]): Promise<void> {
  for (const r of rows) {
    await client.query(
      `insert into dossier (id, call_id, administration_id, category_id, reference, title, summary, status,
                            requested_cents, total_cost_cents, content, submitted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [r.id, r.callId, r.administrationId, r.categoryId, r.reference, r.title, r.summary, r.status, r.requestedCents.toString(), r.totalCostCents.toString(), r.content, r.submittedAt],
    );
  }
}

/** Deterministic dossier rows for one call (`prefix` keeps references unique across calls). */
export function makeDossierRows(
  random: () => number,
  count: number,
  call: { id: string; categoryIds: string[]; prefix: string },
  administrationIds: string[],
  statusOf: (index: number) => string,
): DossierRow[] {
  const rows: DossierRow[] = [];
  const base = Date.UTC(2026, 2, 31, 6, 0, 0);
  for (let i = 0; i < count; i++) {
    const status = statusOf(i);
    const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
    const requestedEuros = 20_000 + Math.floor(random() * 100) * 5_000;
    const submitted = status !== "DRAFT";
    rows.push({
      id: seededUuid(random),
      callId: call.id,
      administrationId: administrationIds[Math.floor(random() * administrationIds.length)]!,
      categoryId: call.categoryIds[Math.floor(random() * call.categoryIds.length)]!,
      reference: submitted ? `${call.prefix}-${String(i + 1).padStart(6, "0")}` : null,
      title: `Projet généré n° ${i + 1} — ${topic}`,
      summary: `Dossier généré pour les mesures de charge : ${topic.toLowerCase()}.`,
      status,
      requestedCents: BigInt(requestedEuros) * 100n,
      totalCostCents: BigInt(requestedEuros) * 200n,
      content: JSON.stringify({
        objectifs: `Objectifs du projet ${i + 1} : ${topic}. `.repeat(3),
        equipe: { chefDeProjet: `Agent ${Math.floor(random() * 10_000)}`, etp: Math.floor(random() * 8) + 1 },
        calendrier: { debut: "2026-06-01", fin: "2027-06-30" },
      }),
      // Most dossiers arrive in the last hours before the deadline.
      submittedAt: submitted ? new Date(base + Math.floor(random() ** 0.3 * 18 * 3600) * 1000) : null,
    });
  }
  return rows;
}

function pickWeighted(random: () => number, table: [string, number][]): string {
  let roll = random() * 100;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[table.length - 1]![0];
}

export async function generateBenchDatabase(adminUrl: string, name: string, options: GeneratorOptions = {}, log: (line: string) => void = () => {}): Promise<GeneratorReport> {
  const started = performance.now();
  const dossierCount = options.dossiers ?? 100_000;
  const administrationCount = options.administrations ?? 300;
  const jurorCount = options.jurors ?? 50;
  const batchSize = options.batchSize ?? 5_000;
  const random = seededRandom(BENCH_SEED);
  const uuid = () => seededUuid(random);

  const url = await createFreshDatabase(adminUrl, name);
  await migrate(url, { quiet: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin");
    const ministryIds = MINISTRIES.map(() => uuid());
    await client.query(`insert into ministry (id, code, name) select * from unnest($1::uuid[], $2::text[], $3::text[])`, [
      ministryIds,
      MINISTRIES.map(([c]) => c),
      MINISTRIES.map(([, n]) => n),
    ]);
    const administrationIds = Array.from({ length: administrationCount }, () => uuid());
    await client.query(
      `insert into administration (id, ministry_id, name, kind) select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::administration_kind[])`,
      [
        administrationIds,
        administrationIds.map((_, i) => ministryIds[i % ministryIds.length]!),
        administrationIds.map((_, i) => `Administration générée n° ${String(i + 1).padStart(3, "0")} (${MINISTRIES[i % MINISTRIES.length]![0]})`),
        administrationIds.map(() => KINDS[Math.floor(random() * KINDS.length)]!),
      ],
    );

    const published = await insertCall(client, uuid, {
      slug: PUBLISHED_CALL_SLUG,
      title: "Développer l’utilisation de la donnée dans votre administration (mesures de charge)",
      phase: "RESULTS_PUBLISHED",
      opensAt: "2020-11-02T08:00:00Z",
      closesAt: "2020-12-31T22:59:00Z",
      resultsPublishedAt: "2021-03-03T09:00:00Z",
    });
    const volume = await insertCall(client, uuid, {
      slug: VOLUME_CALL_SLUG,
      title: "Appel à projets de mesure de charge 2026",
      phase: "PRESELECTION",
      opensAt: "2026-01-05T08:00:00Z",
      closesAt: "2026-03-31T21:59:00Z",
      resultsPublishedAt: null,
    });

    // People: 5 staff, 50 jurors (both calls), one applicant per administration.
    const users: { id: string; email: string; name: string; administrationId: string | null; organisation: string | null; role: string; callIds: (string | null)[] }[] = [];
    for (let i = 0; i < 5; i++) users.push({ id: uuid(), email: `instruction${i + 1}@bench.laureat.fr`, name: `Instructeur ${i + 1}`, administrationId: null, organisation: "DINUM (mesures)", role: "STAFF", callIds: [null] });
    for (let i = 0; i < jurorCount; i++) users.push({ id: uuid(), email: `jure${i + 1}@bench.laureat.fr`, name: `Juré ${i + 1}`, administrationId: null, organisation: `Organisation ${(i % 17) + 1}`, role: "JURY", callIds: [published.id, volume.id] });
    administrationIds.forEach((administrationId, i) =>
      users.push({ id: uuid(), email: `candidat${i + 1}@bench.laureat.fr`, name: `Candidat ${i + 1}`, administrationId, organisation: null, role: "APPLICANT", callIds: [null] }),
    );
    await client.query(
      `insert into app_user (id, email, name, administration_id, organisation) select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[])`,
      [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.name), users.map((u) => u.administrationId), users.map((u) => u.organisation)],
    );
    const grants = users.flatMap((u) => u.callIds.map((callId) => ({ id: uuid(), userId: u.id, role: u.role, callId })));
    await client.query(`insert into role_grant (id, user_id, role, call_id) select * from unnest($1::uuid[], $2::uuid[], $3::role[], $4::uuid[])`, [
      grants.map((g) => g.id),
      grants.map((g) => g.userId),
      grants.map((g) => g.role),
      grants.map((g) => g.callId),
    ]);

    // The 2021 funnel: 69 dossiers, 33 preselected and auditioned, 18 laureates.
    const round = makeDossierRows(random, 69, { ...published, prefix: "LAU-2020" }, administrationIds.slice(0, 30), (i) =>
      i < 18 ? "LAUREATE" : i < 33 ? "NOT_RETAINED" : "NOT_PRESELECTED",
    );
    await insertDossiersBulk(client, round);
    await client.query("commit");

    log(`génération de ${dossierCount.toLocaleString("fr-FR")} dossiers (lots de ${batchSize})…`);
    const dossierStarted = performance.now();
    for (let offset = 0; offset < dossierCount; offset += batchSize) {
      const size = Math.min(batchSize, dossierCount - offset);
      const rows = makeDossierRows(random, size, { ...volume, prefix: "VOL-2026" }, administrationIds, () => pickWeighted(random, VOLUME_STATUSES));
      rows.forEach((r, i) => (r.reference &&= `VOL-2026-${String(offset + i + 1).padStart(6, "0")}`));
      await insertDossiersBulk(client, rows);
    }
    const dossierInsertSeconds = (performance.now() - dossierStarted) / 1000;
    await client.query("analyze");

    const counts: Record<string, number> = {};
    for (const table of ["ministry", "administration", "call", "call_category", "criterion", "app_user", "role_grant", "dossier"]) {
      const { rows } = await client.query<{ n: string }>(`select count(*) n from ${table}`);
      counts[table] = Number(rows[0]!.n);
    }
    return {
      databaseUrl: url,
      counts,
      dossierInsertSeconds,
      dossierRowsPerSecond: dossierCount / dossierInsertSeconds,
      totalSeconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function insertCall(
  client: pg.ClientBase,
  uuid: () => string,
  call: { slug: string; title: string; phase: string; opensAt: string; closesAt: string; resultsPublishedAt: string | null },
): Promise<{ id: string; categoryIds: string[] }> {
  const id = uuid();
  await client.query(
    `insert into call (id, slug, title, summary, description, kind, phase, themes, opens_at, closes_at, results_published_at, budget_envelope_cents)
     values ($1, $2, $3, $4, $5, 'CALL', $6, $7, $8, $9, $10, $11)`,
    [
      id,
      call.slug,
      call.title,
      "Appel généré pour les mesures de charge de Lauréat.",
      "Données générées (graine fixe) : aucun de ces dossiers n’est réel.",
      call.phase,
      ["Données", "Numérique"],
      call.opensAt,
      call.closesAt,
      call.resultsPublishedAt,
      "500000000",
    ],
  );
  const categoryIds = CATEGORIES.map(() => uuid());
  await client.query(
    `insert into call_category (id, call_id, key, label, position)
     select t.id, $2::uuid, t.key, t.label, t.position from unnest($1::uuid[], $3::text[], $4::text[], $5::int[]) as t(id, key, label, position)`,
    [categoryIds, id, CATEGORIES.map(([k]) => k), CATEGORIES.map(([, l]) => l), CATEGORIES.map((_, i) => i)],
  );
  await client.query(
    `insert into criterion (id, call_id, key, label, weight, position)
     select t.id, $2::uuid, t.key, t.label, 25, t.position from unnest($1::uuid[], $3::text[], $4::text[], $5::int[]) as t(id, key, label, position)`,
    [CRITERIA.map(() => uuid()), id, CRITERIA.map(([k]) => k), CRITERIA.map(([, l]) => l), CRITERIA.map((_, i) => i)],
  );
  return { id, categoryIds };
}

/** The dedicated database (BENCH_DATABASE_NAME, default laureat_bench) on BENCH_DATABASE_URL's server. */
export function benchDatabaseName(): string {
  return process.env.BENCH_DATABASE_NAME ?? "laureat_bench";
}
