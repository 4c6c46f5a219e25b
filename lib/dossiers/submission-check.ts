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

/**
 * `attachmentNames`: the dossier's attached files; a « file » question is
 * answered by the name of one of them (checked when given; omitted by callers
 * that only count the other problems).
 */
export function validateForSubmission(
  content: DossierContent,
  rules: CallBudgetRules,
  questions: readonly QuestionDefinition[] = [],
  attachmentNames?: readonly string[],
): FieldErrors {
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
    } else if (attachmentNames) {
      const given = answers.data as Record<string, unknown>;
      const names = new Set(attachmentNames.map((n) => n.toLocaleLowerCase("fr")));
      for (const q of questions) {
        const name = given[q.key];
        if (q.type === "FILE" && typeof name === "string" && name !== "" && !names.has(name.toLocaleLowerCase("fr"))) {
          (errors[`questions.${q.key}`] ??= []).push(`${q.label} : aucune pièce jointe ne s’appelle « ${name} » ; joignez ce fichier dans la section Pièces jointes ci-dessous.`);
        }
      }
    }
  }
  return errors;
}
