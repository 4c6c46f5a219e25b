import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

/*
 * Staff's « Jury » section of a call (decision 013). Runs before jury.spec.ts
 * and publication.spec.ts on the same demo data, so it leaves them what they
 * expect: the audition call's grid is untouched (jurors score on it), the
 * first juror's likely conflict is dismissed (she declares it herself in
 * jury.spec.ts), and the 2021 results stay unpublished (publication.spec.ts
 * publishes them, and with them the feedback prepared here).
 */

const ROLLING = "/instruction/appels/guichet-continu-petits-projets/jury";
const AUDITIONS = "/instruction/appels/journee-auditions-demo/jury";
const ROUND_2021 = "/instruction/appels/donnee-administration-2021/jury";
// The 2021 dossier of the demo applicant (candidat@, Préfecture fictive de Bellecombe): auditioned, not retained.
const APPLICANT_DOSSIER = "Projet fictif n° 01 — Tableau de bord des délais de traitement";
const BENEFITS = "Bénéfices potentiels pour l’administration lauréate et pour les autres administrations ou l’action publique en général";
const TECHNICAL = "Pertinence technique et crédibilité du projet";

test.describe.serial("staff set up and follow the jury of a call", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the scoring grid: a precise message when the weights do not add up, saved otherwise; locked after the deliberation", async ({ page }) => {
    await signIn(page, DEMO.staff, undefined, "/instruction/appels/guichet-continu-petits-projets");
    await page.getByRole("link", { name: "Jury : grille, conflits et retours" }).click();
    await expect(page).toHaveURL(new RegExp(`${ROLLING}$`));
    await expect(page.getByRole("heading", { level: 1, name: /^Jury — / })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Note maximale (en points)").fill("5");
    await page.getByLabel(/^Autoriser les demi-points/).check();
    await page.getByText("Un commentaire général obligatoire").click();
    await page.getByLabel(/^Poids en % — Bénéfices potentiels/).fill("30");
    await page.getByLabel(/^Seuil minimal en points — Pertinence technique/).fill("2,5");
    await page.getByLabel(/^Aide à la notation — Bénéfices potentiels/).fill("Qui profite du projet, et combien de personnes ?");
    // Tie-break: technical relevance first, then the benefits.
    await page.getByLabel("Départage — rang 1").selectOption({ label: TECHNICAL });
    await page.getByLabel("Départage — rang 2").selectOption({ label: BENEFITS });
    await page.getByRole("button", { name: "Enregistrer la grille" }).click();
    // 30 + 25 + 25 + 25: refused with the sum, and what was typed stays.
    await expect(page.getByText("La somme des poids doit être égale à 100 % (actuellement 105 %).")).toBeVisible();
    await expect(page.getByLabel(/^Seuil minimal en points — Pertinence technique/)).toHaveValue("2,5");
    await expectNoAxeViolations(page);

    const second = page.getByLabel(/^Poids en % — /).nth(1);
    await second.fill("20");
    await page.getByRole("button", { name: "Enregistrer la grille" }).click();
    await expect(page.getByText("Grille de notation enregistrée.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(/^Poids en % — Bénéfices potentiels/)).toHaveValue("30");
    await expect(second).toHaveValue("20");
    await expect(page.getByLabel(/^Seuil minimal en points — Pertinence technique/)).toHaveValue("2,5");
    await expect(page.getByLabel(/^Aide à la notation — Bénéfices potentiels/)).toHaveValue("Qui profite du projet, et combien de personnes ?");
    await expect(page.getByRole("radio", { name: "Un commentaire général obligatoire" })).toBeChecked();
    await expect(page.getByLabel("Départage — rang 1").locator("option:checked")).toHaveText(TECHNICAL);
    await expect(page.getByLabel("Départage — rang 2").locator("option:checked")).toHaveText(BENEFITS);

    // The 2021 round is deliberated: the grid is shown, not editable.
    await page.goto(ROUND_2021);
    await expect(page.getByText("La délibération est verrouillée : la grille de notation ne peut plus être modifiée.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Enregistrer la grille" })).toHaveCount(0);
  });

  test("conflicts of interest: the app proposes, staff confirm one, dismiss one, add and lock another; the juror never gets those dossiers", async ({ page }) => {
    await signIn(page, DEMO.staff, undefined, AUDITIONS);
    await expect(page.getByRole("table", { name: "Membres du jury" }).getByRole("row").filter({ hasText: "Paule Présidente" })).toContainText("Présidence");
    await page.getByRole("button", { name: "Proposer les conflits probables" }).click();
    await expect(page.getByText("2 conflits probables proposés.")).toBeVisible();
    const table = page.getByRole("table", { name: "Conflits d’intérêts" });
    const zoe = table.getByRole("row").filter({ hasText: "Zoé Jurée" });
    const berenice = table.getByRole("row").filter({ hasText: "Bérénice Jurée" });
    await expect(zoe).toContainText("Pilotage fictif des remplacements d’enseignants");
    await expect(zoe).toContainText("À examiner");
    await expect(berenice).toContainText("Tableau de bord fictif des délais de délivrance des titres");
    await expectNoAxeViolations(page);

    await zoe.getByRole("button", { name: /^Confirmer — Zoé Jurée/ }).click();
    await expect(zoe).toContainText("Confirmé");
    await berenice.getByRole("button", { name: /^Écarter — Bérénice Jurée/ }).click();
    await expect(berenice).toContainText("Écarté");
    // Proposing again adds nothing: reviewed proposals stay reviewed.
    await page.getByRole("button", { name: "Proposer les conflits probables" }).click();
    await expect(page.getByText("Aucun nouveau conflit probable.")).toBeVisible();

    await page.getByLabel("Membre du jury").selectOption({ label: "Zoé Jurée" });
    await page.getByLabel("Dossier", { exact: true }).selectOption({ label: "LAU-DEMO-0005 — Catalogue fictif des jeux de données de la recherche" });
    await page.getByLabel("Type de conflit").selectOption("PROFESSIONAL");
    await page.getByLabel("Raison du conflit").fill("A conseillé l’institut sur ce projet.");
    await page.getByText("Verrouiller ce conflit").click();
    await page.getByRole("button", { name: "Ajouter le conflit" }).click();
    const added = table.getByRole("row").filter({ hasText: "Catalogue fictif des jeux de données de la recherche" });
    await expect(added).toContainText("Zoé Jurée");
    await expect(added).toContainText("Ajouté par l’équipe");
    await expect(added).toContainText("Verrouillé");
    await expect(added.getByRole("button")).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The juror whose conflict staff confirmed never gets that dossier on the day.
    await page.context().clearCookies();
    await signIn(page, "jure4@demo.laureat.fr", undefined, "/jury/journee-auditions-demo");
    await page.getByRole("button", { name: "J’accepte l’engagement de confidentialité" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "Pilotage fictif des remplacements d’enseignants" })).toContainText("Conflit déclaré : Même administration ou ministère");
    await page.getByRole("button", { name: "J’ai terminé mes déclarations" }).click();
    await expect(page.getByRole("heading", { name: "Programme du jour" })).toBeVisible();
    await expect(page.getByText("Tableau de bord fictif des délais de délivrance des titres").first()).toBeVisible();
    await expect(page.getByText("Pilotage fictif des remplacements d’enseignants")).toHaveCount(0);
    await expect(page.getByText("Catalogue fictif des jeux de données de la recherche")).toHaveCount(0);
  });

  test("feedback: drafted from the locked 2021 record, edited by staff, hidden from the applicant until the results are published", async ({ page }) => {
    await signIn(page, DEMO.staff, undefined, ROUND_2021);
    await expect(page.getByText("Les retours préparés seront transmis aux candidats avec la publication des résultats")).toBeVisible();
    await page.getByRole("button", { name: "Préparer les retours" }).click();
    await expect(page.getByText("33 retours préparés.")).toBeVisible();
    const text = page.getByLabel(`Retour — ${APPLICANT_DOSSIER}`);
    await expect(text).toHaveValue(/Le jury n’a pas retenu votre projet\./);
    const drafted = await text.inputValue();
    expect(drafted).not.toMatch(/Juré|Présidente|note interne/i);

    // Bounded plain text: refused with a French message, what was typed stays.
    await text.fill("À revoir");
    await page.getByRole("button", { name: `Enregistrer le retour — ${APPLICANT_DOSSIER}` }).click();
    await expect(page.getByText(/Le retour doit comporter au moins 10 caractères\./)).toBeVisible();
    await expect(text).toHaveValue("À revoir");

    await text.fill(`${drafted}\n\nL’équipe du programme vous propose un échange pour préparer le prochain appel.`);
    await page.getByRole("button", { name: `Enregistrer le retour — ${APPLICANT_DOSSIER}` }).click();
    await expect(page.getByText("Retour enregistré.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(`Retour — ${APPLICANT_DOSSIER}`)).toHaveValue(/un échange pour préparer le prochain appel\.$/);
    // Release goes with the publication: no separate button before it.
    await expect(page.getByRole("button", { name: "Transmettre les retours aux candidats" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The applicant does not see the draft.
    await page.context().clearCookies();
    await signIn(page, DEMO.applicant, undefined, "/espace/dossiers");
    await page.getByRole("listitem").filter({ hasText: APPLICANT_DOSSIER }).getByRole("link", { name: /^Accusé de réception / }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Accusé de réception" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Retour du jury" })).toHaveCount(0);
    await expect(page.getByText("un échange pour préparer le prochain appel")).toHaveCount(0);
  });

  test("jurors and applicants do not reach the staff's jury section", async ({ page }) => {
    for (const account of [DEMO.jury, DEMO.applicant, "presidente@demo.laureat.fr"]) {
      await page.context().clearCookies();
      await signIn(page, account);
      expect((await page.goto(AUDITIONS))?.status(), account).toBe(404);
    }
  });
});
