import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/server/result";
import { contactsStep, draftStepSchemas, budgetStep, projectStep, saveStepInput } from "./dossier.schema";

describe("step schemas", () => {
  it("accepts a complete contacts step and normalises the SIRET", () => {
    const r = contactsStep.parse({ siret: "130 025 265 00013", service: "Bureau des données", leadName: "Camille Martin", leadEmail: "camille.martin@example.gouv.fr", leadPhone: "01 23 45 67 89" });
    expect(r.siret).toBe("13002526500013");
  });

  it("gives French errors next to each field", () => {
    const r = contactsStep.safeParse({ siret: "13002526500014", service: "", leadName: "C", leadEmail: "pas-un-courriel", leadPhone: "12" });
    expect(r.success).toBe(false);
    expect(fieldErrorsFromZod(r.error!.issues)).toEqual({
      siret: ["SIRET : ce numéro n’est pas valide (clé de contrôle incorrecte)."],
      service: ["Service porteur : ce champ est obligatoire."],
      leadName: ["Nom du chef de projet : 2 caractères au minimum."],
      leadEmail: ["Adresse électronique : format attendu prenom.nom@exemple.gouv.fr."],
      leadPhone: ["Téléphone : format attendu 01 23 45 67 89 ou +33 1 23 45 67 89."],
    });
  });

  it("bounds lengths and amounts", () => {
    expect(projectStep.safeParse({ title: "x".repeat(201), summary: "y".repeat(60), durationMonths: 12 }).success).toBe(false);
    const negative = budgetStep.safeParse({ lines: [{ nature: "STAFF", year: 2026, label: "Dev", amountCents: -1 }], requestedCents: 0, otherFunding: "" });
    expect(fieldErrorsFromZod(negative.error!.issues)).toEqual({ "lines.0.amountCents": ["Montant : le montant ne peut pas être négatif."] });
    expect(budgetStep.safeParse({ lines: [{ nature: "STAFF", year: 2026, label: "Dev", amountCents: 1.5 }], requestedCents: 0, otherFunding: "" }).success).toBe(false);
    expect(budgetStep.safeParse({ lines: [{ nature: "YACHT", year: 2026, label: "Dev", amountCents: 1 }], requestedCents: 0, otherFunding: "" }).success).toBe(false);
  });

  it("lets a draft be incomplete but never malformed", () => {
    expect(draftStepSchemas.contacts.safeParse({ siret: "", service: "", leadName: "", leadEmail: "", leadPhone: "" }).success).toBe(true);
    expect(draftStepSchemas.project.safeParse({ title: "Mon projet", durationMonths: null }).success).toBe(true);
    expect(draftStepSchemas.contacts.safeParse({ siret: "123" }).success).toBe(false);
    expect(draftStepSchemas.project.safeParse({ title: "x".repeat(201) }).success).toBe(false);
    expect(draftStepSchemas.budget.safeParse({ lines: [{ nature: "", year: null, label: "", amountCents: -5 }] }).success).toBe(false);
    expect(draftStepSchemas.budget.safeParse({ lines: [{ nature: "", year: null, label: "", amountCents: null }] }).success).toBe(true);
  });

  it("refuses an unknown step or a malformed envelope", () => {
    expect(saveStepInput.safeParse({ dossierId: "x", step: "project", version: 1, values: {} }).success).toBe(false);
    expect(saveStepInput.safeParse({ dossierId: "4d9a3c4e-8a7b-4b3a-9c1d-2e3f4a5b6c7d", step: "hack", version: 1, values: {} }).success).toBe(false);
  });
});
