/**
 * What a call needs before it opens, as a list the editor shows and the
 * opening refuses on. Pure: the console and the transition read the same list.
 */
import type { CallKind } from "@/lib/generated/prisma/enums";
import { lateFrom } from "@/lib/dossiers/deadline";

export type ChecklistCall = {
  kind: CallKind;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  eligibleKinds: string[];
  budgetEnvelopeCents: bigint;
  opensAt: Date;
  closesAt: Date | null;
  preselectionAt: Date | null;
  resultsExpectedAt: Date | null;
  auditionDays: string[];
  categories: number;
  criteria: number;
  staff: number;
  jury: number;
  questions: number;
};

export type ChecklistItem = {
  key: string;
  label: string;
  done: boolean;
  /** A blocking item keeps the call from opening; the others are advice. */
  blocking: boolean;
  /** What to do, in the imperative, when it is not done. */
  todo: string;
};

export function callChecklist(c: ChecklistCall, now: Date): ChecklistItem[] {
  const isCall = c.kind === "CALL";
  const items: ChecklistItem[] = [
    { key: "text", label: "Titre, résumé et description", done: c.title.trim() !== "" && c.summary.trim() !== "" && c.description.trim().length >= 50, blocking: true, todo: "rédigez la description de l’appel (50 caractères au moins)" },
    { key: "themes", label: "Thèmes", done: c.themes.length > 0, blocking: false, todo: "indiquez les thèmes de l’appel" },
    { key: "categories", label: "Catégories de projets", done: c.categories > 0, blocking: true, todo: "ajoutez au moins une catégorie de projets" },
    { key: "eligibility", label: "Administrations éligibles", done: c.eligibleKinds.length > 0, blocking: true, todo: "choisissez les types d’administrations éligibles" },
    { key: "envelope", label: "Enveloppe budgétaire", done: c.budgetEnvelopeCents > 0n, blocking: true, todo: "indiquez une enveloppe budgétaire positive" },
    {
      key: "closing",
      label: isCall ? "Clôture des dépôts à venir" : "Guichet en continu (sans date de clôture)",
      done: isCall ? c.closesAt !== null && now < lateFrom(c.closesAt) && c.closesAt > c.opensAt : c.closesAt === null,
      blocking: true,
      todo: isCall ? "choisissez une date de clôture future, après l’ouverture" : "retirez la date de clôture du guichet",
    },
  ];
  if (isCall) {
    items.push(
      { key: "preselection", label: "Date de présélection", done: c.preselectionAt !== null, blocking: true, todo: "indiquez la date de présélection" },
      { key: "results", label: "Date des résultats", done: c.resultsExpectedAt !== null, blocking: true, todo: "indiquez la date prévue des résultats" },
      { key: "auditions", label: "Journées d’auditions", done: c.auditionDays.length > 0, blocking: false, todo: "fixez les journées d’auditions" },
    );
  }
  items.push(
    { key: "staff", label: "Équipe du programme", done: c.staff > 0, blocking: true, todo: "désignez au moins une personne de l’équipe du programme" },
    { key: "criteria", label: "Critères de sélection", done: c.criteria > 0, blocking: false, todo: "ajoutez les critères de sélection avant la notation" },
    { key: "jury", label: "Jury", done: c.jury > 0, blocking: false, todo: "composez le jury avant les auditions" },
    { key: "questions", label: "Questions propres à l’appel", done: c.questions > 0, blocking: false, todo: "ajoutez, si besoin, des questions au formulaire" },
  );
  return items;
}

/** What still keeps the call from opening. */
export function missingForOpening(items: readonly ChecklistItem[]): string[] {
  return items.filter((i) => i.blocking && !i.done).map((i) => i.todo);
}
