import { describe, expect, it } from "vitest";
import { composeReminderMail } from "./reminder-mail";

const closesAt = new Date("2020-12-31T22:59:00Z");

describe("reminder e-mails", () => {
  it("deadline in 7 days: the call, the drafts, the Paris deadline and the link", () => {
    const mail = composeReminderMail({ kind: "DEADLINE_7D", callTitle: "Donnée 2021", closesAt, drafts: ["Projet A", "Projet B"], link: "https://laureat.example/espace/dossiers" });
    expect(mail.subject).toBe("Rappel : clôture des dépôts dans 7 jours — Donnée 2021");
    expect(mail.text).toBe(
      [
        "Bonjour,",
        "",
        "Votre administration a 2 dossiers en brouillon sur l’appel à projets « Donnée 2021 » :",
        "- Projet A",
        "- Projet B",
        "",
        "Les dépôts se clôturent dans 7 jours, le 31 décembre 2020 à 23:59 (heure de Paris). Un dossier resté en brouillon à cette date ne sera pas examiné.",
        "",
        "Reprendre et déposer vos dossiers :",
        "https://laureat.example/espace/dossiers",
        "",
        "L’équipe du programme Lauréat",
      ].join("\n"),
    );
  });

  it("deadline tomorrow, one draft", () => {
    const mail = composeReminderMail({ kind: "DEADLINE_1D", callTitle: "Donnée 2021", closesAt, drafts: ["Projet A"], link: "x" });
    expect(mail.subject).toBe("Rappel : clôture des dépôts demain — Donnée 2021");
    expect(mail.text).toContain("Votre administration a un dossier en brouillon sur l’appel à projets « Donnée 2021 » :\n- Projet A");
    expect(mail.text).toContain("Les dépôts se clôturent demain, le 31 décembre 2020 à 23:59 (heure de Paris).");
  });

  it("audition day in 2 days, in summer time", () => {
    const mail = composeReminderMail({ kind: "JURY_DAY_2D", callTitle: "Donnée 2021", firstSlotAt: new Date("2021-06-10T07:30:00Z"), link: "https://laureat.example/jury/donnee" });
    expect(mail.subject).toBe("Rappel : journée d’auditions le 10 juin 2021 — Donnée 2021");
    expect(mail.text).toContain("La journée d’auditions a lieu le 10 juin 2021 ; premier passage à 09:30 (heure de Paris).");
    expect(mail.text).toContain("https://laureat.example/jury/donnee");
  });
});
