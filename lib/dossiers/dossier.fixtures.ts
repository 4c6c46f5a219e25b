import type { StepKey } from "./dossier.schema";

/** A complete dossier, valid for the demo rolling window (used by tests and the benchmark). */
export const COMPLETE_STEPS: Record<StepKey, Record<string, unknown>> = {
  project: {
    title: "Tableau de bord des délais de traitement",
    summary: "Publier chaque semaine les délais de traitement des demandes de la préfecture, à partir des données des applications métier.",
    durationMonths: 12,
  },
  contacts: { siret: "13002526500013", service: "Bureau de la donnée", leadName: "Camille Candidate", leadEmail: "camille.candidate@example.gouv.fr", leadPhone: "01 23 45 67 89" },
  category: { categoryKey: "" },
  objectives: {
    objectives: "Réduire les délais de traitement en rendant visibles les files d’attente de chaque service, semaine après semaine.",
    benefitsAdministration: "Les chefs de service pilotent les effectifs à partir de données fraîches plutôt que d’extractions manuelles mensuelles.",
    benefitsOthers: "Les usagers connaissent le délai prévisible de leur démarche ; les autres préfectures réutilisent le tableau de bord.",
  },
  technical: {
    approach: "Extraction nocturne des applications métier vers un entrepôt PostgreSQL, calculs en SQL, publication en open data au format CSV.",
    team: "Une cheffe de projet, deux développeurs, un data analyste.",
  },
  sustainability: { sustainability: "Le tableau de bord est repris par le service informatique de la préfecture ; le code est publié sous licence libre." },
  budget: {
    lines: [
      { nature: "STAFF", year: 2026, label: "Développement", amountCents: 120_000_00 },
      { nature: "SOFTWARE", year: 2027, label: "Hébergement", amountCents: 30_000_00 },
    ],
    requestedCents: 75_000_00,
    otherFunding: "Fonds propres de la préfecture.",
  },
};
