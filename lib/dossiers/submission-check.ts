/**
 * What a dossier must satisfy to be submitted: every step complete under its
 * strict schema, the call's budget rules, and the answers to the call's own
 * questions. Pure: the review step shows it
 * in the browser, the submit mutation enforces it on the server.
 */
import type { QuestionDefinition } from "@/lib/calls/question-definition";
import { answersSchema } from "@/lib/calls/questions.schema";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/server/result";
import { checkBudget, type CallBudgetRules } from "./budget";
import { stepSchemas, STEPS, type DossierContent } from "./dossier.schema";

export function validateForSubmission(content: DossierContent, rules: CallBudgetRules, questions: readonly QuestionDefinition[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const { key } of STEPS) {
    const r = stepSchemas[key].safeParse(content[key] ?? {});
    if (!r.success) {
      for (const [path, messages] of Object.entries(fieldErrorsFromZod(r.error.issues))) errors[`${key}.${path}`] = messages;
    }
  }
  const budget = stepSchemas.budget.safeParse(content.budget ?? {});
  if (budget.success) {
    for (const issue of checkBudget(budget.data.lines, BigInt(budget.data.requestedCents), rules)) (errors[issue.field] ??= []).push(issue.message);
  }
  if (questions.length > 0) {
    const answers = answersSchema(questions, "submit").safeParse(content.questions ?? {});
    if (!answers.success) {
      for (const [path, messages] of Object.entries(fieldErrorsFromZod(answers.error.issues))) (errors[`questions.${path}`] ??= []).push(...messages);
    }
  }
  return errors;
}
