import { formatCents } from "@/lib/money";

export type DecisionMailInput = {
  callTitle: string;
  resultsUrl: string;
  dossier: { reference: string; title: string; status: "LAUREATE" | "NOT_RETAINED"; grantedCents: number | null };
  /** The jury's feedback summary for this dossier, when the jury wrote one. */
  feedbackSummary: string | null;
};

/** The decision e-mail sent to an administration at publication (plain text, French). */
export function composeDecisionMail(input: DecisionMailInput): { subject: string; text: string } {
  const { dossier } = input;
  const laureate = dossier.status === "LAUREATE";
  const subject = laureate
    ? `Votre projet est lauréat — ${input.callTitle}`
    : `Décision du jury sur votre projet — ${input.callTitle}`;
  const lines = [
    "Bonjour,",
    "",
    `Les résultats de l’appel à projets « ${input.callTitle} » sont publiés.`,
    "",
    `Dossier ${dossier.reference} — ${dossier.title}`,
    laureate
      ? `Décision : votre projet est lauréat.${dossier.grantedCents !== null ? ` Cofinancement accordé : ${formatCents(dossier.grantedCents)}.` : ""}`
      : "Décision : votre projet n’a pas été retenu par le jury.",
  ];
  if (input.feedbackSummary) lines.push("", "Synthèse de l’avis du jury :", input.feedbackSummary.trim());
  lines.push("", `Les résultats complets : ${input.resultsUrl}`, "", "L’équipe du programme Lauréat");
  return { subject, text: lines.join("\n") };
}
