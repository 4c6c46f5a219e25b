import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/server/result";
import { parisLocalToInstant } from "@/lib/time";
import { VALID_SETTINGS } from "./call.fixtures";
import { callSettingsInput, type CallSettingsInput } from "./call.schema";
import { callChecklist, missingForOpening, type ChecklistCall } from "./checklist";


const errors = (over: Partial<CallSettingsInput>) => {
  const r = callSettingsInput.safeParse({ ...VALID_SETTINGS, ...over });
  return r.success ? {} : fieldErrorsFromZod(r.error.issues);
};

describe("call settings", () => {
  it("accepts a complete call and turns lines into lists", () => {
    const r = callSettingsInput.parse(VALID_SETTINGS);
    expect(r.themes).toEqual(["Données", "Ouverture"]);
    expect(r.categories).toEqual(["Exploitation", "Partage"]);
  });

  it("refuses dates out of order, each on its field", () => {
    expect(errors({ closesAt: "2027-01-01T00:00" })).toEqual({ closesAt: ["Clôture des dépôts : elle doit suivre l’ouverture."] });
    expect(errors({ preselectionAt: "2027-02-01T00:00" })).toEqual({ preselectionAt: ["Présélection : elle doit suivre la clôture des dépôts."] });
    expect(errors({ auditionDays: ["2027-04-02", "2027-04-01"] })).toEqual({ "auditionDays.1": ["Journées d’auditions : dans l’ordre, sans doublon."] });
    expect(errors({ resultsExpectedAt: "2027-04-02T10:00" })).toEqual({ resultsExpectedAt: ["Résultats : ils doivent suivre la dernière journée d’auditions."] });
    expect(errors({ opensAt: "2027-02-30T09:00" }).opensAt).toEqual(["Ouverture : date invalide (format attendu JJ/MM/AAAA HH:MM)."]);
  });

  it("refuses a negative envelope, inconsistent amounts, a bad slug and a rolling window with a deadline", () => {
    expect(errors({ budgetEnvelopeCents: -100 })).toEqual({ budgetEnvelopeCents: ["Enveloppe budgétaire : le montant ne peut pas être négatif."] });
    expect(errors({ budgetEnvelopeCents: "-1000" })).toEqual({ budgetEnvelopeCents: ["Enveloppe budgétaire : le montant ne peut pas être négatif."] });
    expect(errors({ minRequestedCents: 300_000_00 })).toEqual({ maxRequestedCents: ["Cofinancement maximal : il doit être supérieur ou égal au minimum."] });
    expect(errors({ maxRequestedCents: 2_000_000_00 })).toEqual({ maxRequestedCents: ["Cofinancement maximal : il ne peut pas dépasser l’enveloppe budgétaire."] });
    expect(errors({ slug: "Appel 2027" }).slug).toHaveLength(1);
    expect(errors({ kind: "ROLLING" }).closesAt).toEqual(["Clôture des dépôts : un guichet en continu n’a pas de date de clôture, laissez ce champ vide."]);
    expect(errors({ maxRatePercent: 120 }).maxRatePercent).toEqual(["Taux maximal : un pourcentage entre 0,01 et 100."]);
  });
});

describe("opening checklist", () => {
  const NOW = parisLocalToInstant("2026-12-01T10:00");
  const complete: ChecklistCall = {
    kind: "CALL",
    title: "Appel",
    summary: "Résumé",
    description: "x".repeat(60),
    themes: ["Données"],
    eligibleKinds: ["CENTRAL"],
    budgetEnvelopeCents: 100n,
    opensAt: parisLocalToInstant("2027-01-04T09:00"),
    closesAt: parisLocalToInstant("2027-02-28T23:59"),
    preselectionAt: parisLocalToInstant("2027-03-15T12:00"),
    resultsExpectedAt: parisLocalToInstant("2027-05-01T10:00"),
    auditionDays: [],
    categories: 1,
    criteria: 0,
    staff: 1,
    jury: 0,
    questions: 0,
  };

  it("lets a complete call open, with advice for what is optional", () => {
    const items = callChecklist(complete, NOW);
    expect(missingForOpening(items)).toEqual([]);
    expect(items.filter((i) => !i.done).map((i) => i.key)).toEqual(["auditions", "criteria", "jury", "questions"]);
  });

  it("says what is missing, in French, and blocks on it", () => {
    const missing = missingForOpening(callChecklist({ ...complete, categories: 0, eligibleKinds: [], budgetEnvelopeCents: 0n, closesAt: parisLocalToInstant("2026-11-30T23:59") }, NOW));
    expect(missing).toEqual([
      "ajoutez au moins une catégorie de projets",
      "choisissez les types d’administrations éligibles",
      "indiquez une enveloppe budgétaire positive",
      "choisissez une date de clôture future, après l’ouverture",
    ]);
  });

  it("asks a rolling window for no deadline and no jury timeline", () => {
    const rolling = { ...complete, kind: "ROLLING" as const, closesAt: null, preselectionAt: null, resultsExpectedAt: null };
    expect(missingForOpening(callChecklist(rolling, NOW))).toEqual([]);
  });
});
