import { describe, expect, it } from "vitest";
import type { QuestionDefinition } from "@/lib/calls/question-definition";
import { COMPLETE_STEPS } from "./dossier.fixtures";
import type { DossierContent } from "./dossier.schema";
import { validateForSubmission } from "./submission-check";

const rules = { kind: "ROLLING" as const, maxRequestedCents: 100_000_00n, minRequestedCents: null, maxRateBps: 8_000 };
const budgetQuestion: QuestionDefinition = { key: "budget_detaille", label: "Budget détaillé", required: true, helpText: null, type: "FILE", config: {} };
const content = (answer: string): DossierContent => ({ ...COMPLETE_STEPS, category: { categoryKey: "donnees" }, questions: { budget_detaille: answer } }) as DossierContent;

describe("a « file » question at submission", () => {
  it("is answered by the name of one of the dossier's attachments (case aside)", () => {
    expect(validateForSubmission(content("Budget.PDF"), rules, [budgetQuestion], ["budget.pdf", "annexe.png"])).toEqual({});
  });

  it("names a missing attachment: refused, with the name and where to attach it", () => {
    expect(validateForSubmission(content("budget.pdf"), rules, [budgetQuestion], ["annexe.png"])).toEqual({
      "questions.budget_detaille": ["Budget détaillé : aucune pièce jointe ne s’appelle « budget.pdf » ; joignez ce fichier dans la section Pièces jointes ci-dessous."],
    });
  });

  it("is not checked against attachments when the caller gives none (counting problems only)", () => {
    expect(validateForSubmission(content("budget.pdf"), rules, [budgetQuestion])).toEqual({});
  });
});
