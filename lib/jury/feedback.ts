/**
 * The applicant's feedback, drafted from the jury's record for staff to
 * review: criterion bands (not raw scores), the jurors' shareable remarks,
 * the decision. Never the internal notes.
 */
import { formatCents } from "@/lib/money";

export type FeedbackInput = {
  title: string;
  criteria: { label: string; mean: number | null }[];
  scaleMax: number;
  shareable: string[];
  decision: "LAUREATE" | "NOT_RETAINED" | "WAITING_LIST" | null;
  grantedCents: bigint | null;
};

export function band(mean: number, scaleMax: number): string {
  const r = mean / scaleMax;
  if (r >= 0.8) return "très satisfaisant";
  if (r >= 0.6) return "satisfaisant";
  if (r >= 0.4) return "à consolider";
  return "insuffisant";
}

export function draftFeedback(f: FeedbackInput): string {
  const decision =
    f.decision === "LAUREATE"
      ? `Le jury a retenu votre projet, avec un cofinancement de ${formatCents(f.grantedCents ?? 0n)}.`
      : f.decision === "WAITING_LIST"
        ? "Le jury a placé votre projet sur liste d’attente."
        : f.decision === "NOT_RETAINED"
          ? "Le jury n’a pas retenu votre projet."
          : "La décision du jury n’est pas encore enregistrée.";
  const lines = [`Projet : ${f.title}`, "", decision, "", "Appréciation par critère :"];
  for (const c of f.criteria) lines.push(`- ${c.label} : ${c.mean === null ? "non évalué" : band(c.mean, f.scaleMax)}`);
  const remarks = f.shareable.map((s) => s.trim()).filter(Boolean);
  if (remarks.length) {
    lines.push("", "Remarques du jury :");
    for (const r of remarks) lines.push(`- ${r}`);
  }
  return lines.join("\n");
}
