/**
 * Demo data: the France Relance 2021 round (real laureates and their
 * administrations, clearly fictional other dossiers), in deliberation with
 * the deliberation locked, ready for staff to publish its results (they were
 * announced on 3 March 2021), and an open rolling window. SIRETs are
 * fictional (see `fictionalSiret`). Idempotent: runs in one transaction guarded by an advisory lock and
 * does nothing when the demo call already exists.
 */
import { randomUUID } from "node:crypto";
import round from "./data/france-relance-2021-round1.json" with { type: "json" };
import { appendAudit } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import type { AdministrationKind, DossierStatus, Role } from "@/lib/generated/prisma/enums";
import type { Db, Tx } from "@/lib/server/prisma";
import { eurosToCents } from "@/lib/money";
import { seededRandom } from "@/lib/random";
import { withLuhnCheckDigit } from "@/lib/publication/siret";
import { parisLocalToInstant } from "@/lib/time";

export const DEMO_CALL_SLUG = "donnee-administration-2021";
export const DEMO_ROLLING_SLUG = "guichet-continu-petits-projets";
export const DEMO_PASSWORD = "Laureat-demo-2026";

export const DEMO_ACCOUNTS = [
  { email: "admin@demo.laureat.fr", name: "Alice Administratrice", role: "ADMIN", label: "administrateur" },
  { email: "instruction@demo.laureat.fr", name: "Inès Instructrice", role: "STAFF", label: "équipe du programme" },
  { email: "jury@demo.laureat.fr", name: "Jules Juré", role: "JURY", label: "membre du jury" },
  { email: "candidat@demo.laureat.fr", name: "Camille Candidate", role: "APPLICANT", label: "administration candidate" },
  { email: "candidat2@demo.laureat.fr", name: "Claude Candidat", role: "APPLICANT", label: "autre administration candidate" },
] as const;

const MINISTRIES = [
  ["ARM", "Ministère des Armées"],
  ["MTE", "Ministère de la Transition écologique"],
  ["INT", "Ministère de l’Intérieur"],
  ["MER", "Ministère de la Mer"],
  ["SSA", "Ministère des Solidarités et de la Santé"],
  ["ECO", "Ministère de l’Économie, des Finances et de la Relance"],
  ["MEN", "Ministère de l’Éducation nationale, de la Jeunesse et des Sports"],
  ["CUL", "Ministère de la Culture"],
  ["JUS", "Ministère de la Justice"],
  ["AGR", "Ministère de l’Agriculture et de l’Alimentation"],
  ["TRA", "Ministère du Travail, de l’Emploi et de l’Insertion"],
  ["ESR", "Ministère de l’Enseignement supérieur, de la Recherche et de l’Innovation"],
] as const;
type MinistryCode = (typeof MINISTRIES)[number][0];

/** The laureates' administrations, as named in the announcement. */
const REAL_ADMINISTRATIONS: Record<string, [MinistryCode, AdministrationKind]> = {
  "Ministère des Armées": ["ARM", "CENTRAL"],
  "Service hydrographique et océanographique de la Marine": ["ARM", "OPERATOR"],
  "Ministère de la Transition écologique": ["MTE", "CENTRAL"],
  "Direction générale de l’énergie et du climat": ["MTE", "CENTRAL"],
  "Direction générale des infrastructures, des transports et de la mer": ["MTE", "CENTRAL"],
  "Direction du numérique du ministère de l’Intérieur": ["INT", "CENTRAL"],
  "Grand port maritime du Havre": ["MER", "OPERATOR"],
  "Agence centrale des organismes de sécurité sociale": ["SSA", "SOCIAL_SECURITY"],
  "Caisse nationale d’assurance vieillesse des travailleurs salariés": ["SSA", "SOCIAL_SECURITY"],
  "Secrétariat général des ministères chargés des affaires sociales": ["SSA", "CENTRAL"],
  "Ministère de l’Économie, des Finances et de la Relance": ["ECO", "CENTRAL"],
  "Agence pour l’informatique financière de l’État": ["ECO", "CENTRAL"],
  "Ministère de l’Éducation nationale, de la Jeunesse et des Sports": ["MEN", "CENTRAL"],
  "École nationale de voile et des sports nautiques": ["MEN", "OPERATOR"],
  "Secrétariat général du ministère de la Culture": ["CUL", "CENTRAL"],
  "Mobilier national et Manufactures nationales des Gobelins, de Beauvais et de la Savonnerie": ["CUL", "OPERATOR"],
};

/** Invented for the demo: the word « fictif » is in every name. */
const FICTIONAL_ADMINISTRATIONS: [string, MinistryCode, AdministrationKind][] = [
  ["Préfecture fictive de Bellecombe", "INT", "DECENTRALISED"],
  ["Direction fictive des données judiciaires", "JUS", "CENTRAL"],
  ["Service fictif de la statistique pénitentiaire", "JUS", "CENTRAL"],
  ["Office fictif des données agricoles", "AGR", "OPERATOR"],
  ["Direction départementale fictive de l’alimentation", "AGR", "DECENTRALISED"],
  ["Agence fictive de l’emploi territorial", "TRA", "OPERATOR"],
  ["Institut fictif de la donnée universitaire", "ESR", "OPERATOR"],
  ["Service fictif de l’observation des forêts", "MTE", "DECENTRALISED"],
  ["Direction fictive des achats publics", "ECO", "CENTRAL"],
  ["Caisse fictive des solidarités", "SSA", "SOCIAL_SECURITY"],
  ["Bibliothèque fictive des archives sonores", "CUL", "OPERATOR"],
  ["Rectorat fictif de Valmont", "MEN", "DECENTRALISED"],
  ["Service fictif de la logistique des armées", "ARM", "CENTRAL"],
  ["Direction fictive du littoral", "MER", "DECENTRALISED"],
];

const FICTIONAL_TOPICS = [
  "Tableau de bord des délais de traitement",
  "Entrepôt de données des demandes usagers",
  "API de référentiel des sites",
  "Détection des doublons dans les fichiers métiers",
  "Catalogue interne des jeux de données",
  "Automatisation de la collecte des indicateurs",
  "Visualisation cartographique des interventions",
  "Prévision des volumes d’appels",
  "Qualité des adresses dans les bases de gestion",
  "Ouverture des données de fréquentation",
  "Échange de pièces justificatives entre services",
  "Pilotage budgétaire par la donnée",
  "Classification automatique des courriers",
  "Plateforme de partage des données environnementales",
  "Référentiel des équipements",
  "Suivi des consommations énergétiques des bâtiments",
  "Numérisation des registres anciens",
];

const DEMO_CALL_DESCRIPTION = `Dans le cadre de France Relance, l’appel à projets « Développer l’utilisation de la donnée dans votre administration » cofinance des projets portés par les administrations de l’État pour mieux exploiter, partager et ouvrir leurs données.

Les projets sont évalués selon quatre critères : bénéfices potentiels, pertinence technique et crédibilité, pérennité, adéquation du budget.

*Données de démonstration : les 18 lauréats et leurs administrations sont ceux annoncés le 3 mars 2021 ; les autres dossiers, leurs montants et l’enveloppe sont fictifs.*`;

const ROLLING_DESCRIPTION = `Le guichet en continu accueille, tout au long de l’année, les projets de valorisation des données dont le cofinancement demandé ne dépasse pas 100 000 €. Les dossiers sont examinés au fil de l’eau, par lots mensuels.

*Appel de démonstration : l’enveloppe est fictive.*`;

const SEED_LOCK_KEY = 742_002;
// Demo value: the jury's deliberation date of the 2021 round is not public.
const DELIBERATION_LOCKED_AT = parisLocalToInstant("2021-02-26T18:00");
// Staff told the administrations which dossiers were preselected for the auditions.
const PRESELECTION_RELEASED_AT = parisLocalToInstant("2021-02-01T10:00");

/**
 * FICTIONAL SIRETs, for the demo's open data only: the real SIRETs of the
 * grantor and of the administrations are not in our facts, and the SCDL
 * « subventions » standard requires them. Every one starts with 99999 and
 * carries valid Luhn keys (SIREN and SIRET), so that the CSV validates; none
 * designates a real establishment.
 */
export function fictionalSiret(index: number): string {
  const siren = withLuhnCheckDigit(`99999${String(index).padStart(3, "0")}`);
  return withLuhnCheckDigit(`${siren}0001`);
}

export type SeedResult = { seeded: boolean };

export async function seedDemo(client: Db): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if (await tx.call.findUnique({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } })) {
        return { seeded: false };
      }
      await seedInTransaction(tx, passwordHash);
      return { seeded: true };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function seedInTransaction(tx: Tx, passwordHash: string): Promise<void> {
  const random = seededRandom(2021);

  const ministryId = new Map<MinistryCode, string>();
  await tx.ministry.createMany({
    data: MINISTRIES.map(([code, name]) => {
      const id = randomUUID();
      ministryId.set(code, id);
      return { id, code, name };
    }),
  });

  const administrationId = new Map<string, string>();
  const administrations = [
    ...Object.entries(REAL_ADMINISTRATIONS).map(([name, [code, kind]]) => ({ name, code, kind })),
    ...FICTIONAL_ADMINISTRATIONS.map(([name, code, kind]) => ({ name, code, kind })),
  ];
  await tx.administration.createMany({
    data: administrations.map(({ name, code, kind }, index) => {
      const id = randomUUID();
      administrationId.set(name, id);
      return { id, name, kind, ministryId: ministryId.get(code)!, siret: fictionalSiret(index + 1) };
    }),
  });

  const round1 = await createCall(tx, {
    slug: DEMO_CALL_SLUG,
    title: round.call.title,
    summary: "Cofinancer les projets des administrations de l’État qui exploitent, partagent et ouvrent leurs données.",
    description: DEMO_CALL_DESCRIPTION,
    kind: "CALL",
    // The jury has deliberated and locked; staff publish the results from the
    // portal (the demo shows that act, and the e2e test checks the embargo).
    phase: "DELIBERATION",
    themes: round.call.themes,
    opensAt: parisLocalToInstant("2020-11-02T09:00"),
    closesAt: parisLocalToInstant("2020-12-31T23:59"),
    resultsPublishedAt: null,
    deliberationLockedAt: DELIBERATION_LOCKED_AT,
    // The preselection was announced before the auditions (its statuses are
    // seeded as released): no preselection decision is under embargo.
    decisionsReleasedAt: PRESELECTION_RELEASED_AT,
    grantorName: "Direction interministérielle du numérique (DINUM)",
    grantorSiret: fictionalSiret(0),
    juryComposition: `Un jury de ${round.jury.size} experts de la donnée et de la transformation publique (entrepreneurs, chercheurs, agents publics), dont des membres issus de : ${round.jury.affiliations_seen.join(", ")}.`,
    nextSteps: [
      "Un guichet en continu pour les projets de moins de 100 000 €, ouvert à partir du 1er février 2021.",
      "Un deuxième appel à projets en 2021.",
    ].join("\n"),
    budgetEnvelopeCents: eurosToCents(5_000_000),
  });
  const rolling = await createCall(tx, {
    slug: DEMO_ROLLING_SLUG,
    title: "Guichet en continu — projets de moins de 100 000 €",
    summary: "Déposez à tout moment un projet de données dont le cofinancement demandé ne dépasse pas 100 000 €.",
    description: ROLLING_DESCRIPTION,
    kind: "ROLLING",
    phase: "OPEN",
    themes: round.call.themes,
    opensAt: parisLocalToInstant("2021-02-01T00:00"),
    closesAt: null,
    resultsPublishedAt: null,
    budgetEnvelopeCents: eurosToCents(2_000_000),
    maxRequestedCents: eurosToCents(100_000),
  });

  // The 18 laureates, then 15 auditioned and 36 not preselected fictional dossiers.
  type NewDossier = { administration: string; categoryKey: string; title: string; summary: string; status: DossierStatus };
  const dossiers: NewDossier[] = [];
  for (const category of round.categories) {
    for (const laureate of category.laureates) {
      dossiers.push({
        administration: laureate.administration,
        categoryKey: category.key,
        title: laureate.name,
        summary: laureate.summary,
        status: "LAUREATE",
      });
    }
  }
  const fictionalCount = round.funnel.dossiers_submitted - dossiers.length;
  const auditionedNotRetained = round.funnel.auditioned_before_jury - round.funnel.laureates;
  for (let i = 0; i < fictionalCount; i++) {
    const [administration] = FICTIONAL_ADMINISTRATIONS[i % FICTIONAL_ADMINISTRATIONS.length]!;
    const topic = FICTIONAL_TOPICS[i % FICTIONAL_TOPICS.length]!;
    dossiers.push({
      administration,
      categoryKey: round.categories[i % round.categories.length]!.key,
      title: `Projet fictif n° ${String(i + 1).padStart(2, "0")} — ${topic}`,
      summary: `Dossier de démonstration inventé (${administration}) : ${topic.toLowerCase()}.`,
      status: i < auditionedNotRetained ? "NOT_RETAINED" : "NOT_PRESELECTED",
    });
  }

  const submittedBase = parisLocalToInstant("2020-12-31T08:00").getTime();
  await tx.dossier.createMany({
    data: dossiers.map((d, index) => {
      const requestedEuros = 50_000 + Math.round(random() * 85) * 10_000;
      const laureate = d.status === "LAUREATE";
      // Most dossiers arrive in the last hours: spread over the final 16 hours.
      const submittedAt = new Date(submittedBase + Math.floor(random() * 16 * 60) * 60_000);
      return {
        id: randomUUID(),
        callId: round1.id,
        administrationId: administrationId.get(d.administration)!,
        categoryId: round1.categoryIds.get(d.categoryKey)!,
        reference: `LAU-2020-${String(index + 1).padStart(4, "0")}`,
        title: d.title,
        summary: d.summary,
        status: d.status,
        requestedCents: eurosToCents(requestedEuros),
        totalCostCents: eurosToCents(requestedEuros * 2),
        // Demo figures: 80 % of the request, rounded to the thousand euros.
        grantedCents: laureate ? eurosToCents(Math.round((requestedEuros * 0.8) / 1000) * 1000) : null,
        decidedAt: d.status === "LAUREATE" || d.status === "NOT_RETAINED" ? DELIBERATION_LOCKED_AT : null,
        submittedAt,
      };
    }),
  });

  // The 2021 jury's record: every auditioned dossier on its agenda, locked and
  // decided (the decisions mirror the statuses above). The scores were never
  // public: none are seeded. Staff draft the applicants' feedback from it.
  const auditioned = await tx.dossier.findMany({
    where: { callId: round1.id, status: { in: ["LAUREATE", "NOT_RETAINED"] } },
    orderBy: { reference: "asc" },
    select: { id: true, status: true, grantedCents: true },
  });
  await tx.juryDossier.createMany({
    data: auditioned.map((d, i) => ({
      id: randomUUID(),
      dossierId: d.id,
      position: i + 1,
      lockedAt: DELIBERATION_LOCKED_AT,
      decision: d.status === "LAUREATE" ? ("LAUREATE" as const) : ("NOT_RETAINED" as const),
      grantedCents: d.grantedCents,
      motivation: d.status === "LAUREATE" ? "Projet retenu par le jury (motivation de démonstration)." : "Projet classé derrière les lauréats (motivation de démonstration).",
      decidedAt: DELIBERATION_LOCKED_AT,
    })),
  });

  for (const account of DEMO_ACCOUNTS) {
    const administration =
      account.email === "candidat@demo.laureat.fr"
        ? FICTIONAL_ADMINISTRATIONS[0]![0]
        : account.email === "candidat2@demo.laureat.fr"
          ? FICTIONAL_ADMINISTRATIONS[1]![0]
          : null;
    const user = await tx.user.create({
      data: {
        email: account.email,
        name: account.name,
        passwordHash,
        administrationId: administration ? administrationId.get(administration)! : null,
        organisation: account.role === "JURY" ? "Juré fictif (démo)" : account.role === "APPLICANT" ? null : "DINUM (démo)",
      },
      select: { id: true },
    });
    const grants: { role: Role; callId: string | null }[] =
      account.role === "JURY"
        ? [
            { role: "JURY", callId: round1.id },
            { role: "JURY", callId: rolling.id },
          ]
        : [{ role: account.role, callId: null }];
    await tx.roleGrant.createMany({ data: grants.map((g) => ({ id: randomUUID(), userId: user.id, ...g })) });
  }

  await (await import("./seed-jury")).seedJuryDemo(tx, passwordHash);
  await appendAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    entityType: "call",
    entityId: round1.id,
    data: { calls: [DEMO_CALL_SLUG, DEMO_ROLLING_SLUG], dossiers: dossiers.length },
  });
}

type NewCall = {
  slug: string;
  title: string;
  summary: string;
  description: string;
  kind: "CALL" | "ROLLING";
  phase: "OPEN" | "DELIBERATION" | "RESULTS_PUBLISHED";
  themes: string[];
  opensAt: Date;
  closesAt: Date | null;
  resultsPublishedAt: Date | null;
  deliberationLockedAt?: Date;
  decisionsReleasedAt?: Date;
  grantorName?: string;
  grantorSiret?: string;
  juryComposition?: string;
  nextSteps?: string;
  budgetEnvelopeCents: bigint;
  maxRequestedCents?: bigint;
};

async function createCall(tx: Tx, data: NewCall): Promise<{ id: string; categoryIds: Map<string, string> }> {
  const id = randomUUID();
  await tx.call.create({ data: { id, ...data } });
  const categoryIds = new Map<string, string>();
  await tx.callCategory.createMany({
    data: round.categories.map((c, position) => {
      const categoryId = randomUUID();
      categoryIds.set(c.key, categoryId);
      return { id: categoryId, callId: id, key: c.key, label: c.label, position };
    }),
  });
  await tx.criterion.createMany({
    data: round.selection_criteria.map((c, position) => ({
      id: randomUUID(),
      callId: id,
      key: c.key,
      label: c.label,
      weight: 25,
      position,
    })),
  });
  return { id, categoryIds };
}
