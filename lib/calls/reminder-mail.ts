import type { ReminderKind } from "@/lib/generated/prisma/enums";
import { TIME_ZONE, formatParisDate, formatParisDateTime } from "@/lib/time";

const timeFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, timeStyle: "short" });

export type ReminderMailInput =
  | { kind: "DEADLINE_7D" | "DEADLINE_1D"; callTitle: string; closesAt: Date; drafts: readonly string[]; link: string }
  | { kind: "JURY_DAY_2D"; callTitle: string; firstSlotAt: Date; link: string };

const SIGNATURE = ["", "L’équipe du programme Lauréat"];

/** The reminder e-mails (plain text, French, dates in Europe/Paris). */
export function composeReminderMail(input: ReminderMailInput): { subject: string; text: string } {
  if (input.kind === "JURY_DAY_2D") {
    return {
      subject: `Rappel : journée d’auditions le ${formatParisDate(input.firstSlotAt)} — ${input.callTitle}`,
      text: [
        "Bonjour,",
        "",
        `Vous êtes membre du jury de l’appel à projets « ${input.callTitle} ».`,
        `La journée d’auditions a lieu le ${formatParisDate(input.firstSlotAt)} ; premier passage à ${timeFormatter.format(input.firstSlotAt)} (heure de Paris).`,
        "",
        "Avant la journée, pensez à déclarer vos éventuels conflits d’intérêts et à relire les dossiers de votre ordre du jour :",
        input.link,
        ...SIGNATURE,
      ].join("\n"),
    };
  }
  const inDays = input.kind === "DEADLINE_7D" ? "dans 7 jours" : "demain";
  const drafts = input.drafts.map((title) => `- ${title}`);
  return {
    subject: `Rappel : clôture des dépôts ${inDays} — ${input.callTitle}`,
    text: [
      "Bonjour,",
      "",
      input.drafts.length > 1
        ? `Votre administration a ${input.drafts.length} dossiers en brouillon sur l’appel à projets « ${input.callTitle} » :`
        : `Votre administration a un dossier en brouillon sur l’appel à projets « ${input.callTitle} » :`,
      ...drafts,
      "",
      `Les dépôts se clôturent ${inDays}, le ${formatParisDateTime(input.closesAt)} (heure de Paris). Un dossier resté en brouillon à cette date ne sera pas examiné.`,
      "",
      "Reprendre et déposer vos dossiers :",
      input.link,
      ...SIGNATURE,
    ].join("\n"),
  };
}

export const REMINDER_KIND_LABEL: Record<ReminderKind, string> = {
  DEADLINE_7D: "Clôture dans 7 jours",
  DEADLINE_1D: "Clôture demain",
  JURY_DAY_2D: "Journée d’auditions dans 2 jours",
};
