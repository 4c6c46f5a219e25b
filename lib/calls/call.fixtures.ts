/** A complete call, as the editor would send it (tests). */
import type { CallSettingsInput } from "./call.schema";

export const VALID_SETTINGS: CallSettingsInput = {
  title: "Appel à projets données 2027",
  slug: "donnees-2027",
  summary: "Cofinancer les projets de données des administrations.",
  description: "Un appel pour les projets qui exploitent, partagent et ouvrent les données publiques.",
  kind: "CALL",
  themes: "Données\nOuverture",
  categories: "Exploitation\nPartage",
  eligibleKinds: ["CENTRAL", "DECENTRALISED"],
  budgetEnvelopeCents: 1_000_000_00,
  minRequestedCents: null,
  maxRequestedCents: 200_000_00,
  maxRatePercent: 80,
  opensAt: "2027-01-04T09:00",
  closesAt: "2027-02-28T23:59",
  preselectionAt: "2027-03-15T12:00",
  auditionDays: ["2027-04-01", "2027-04-02"],
  resultsExpectedAt: "2027-05-01T10:00",
};
