/**
 * Staff review journey on the rolling window, with dossiers this test creates:
 * the applicant submits two dossiers; staff filter and search the inbox,
 * annotate one dossier and request a correction; the applicant sees the
 * request (never the annotation), answers and resubmits; staff preselect both
 * in bulk — the applicant still sees nothing — then release the decisions,
 * and only then does the applicant see the outcome and get the e-mail.
 */
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { countMail, waitForMail } from "./mailbox";

// The shared machine is slow: server actions and redirects get more than the default 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

const ROLLING = "guichet-continu-petits-projets";
const INBOX = `/instruction/appels/${ROLLING}`;
const LONG = (s: string) => `${s} ${"Texte de démonstration suffisamment long pour la règle des cinquante caractères."}`;

/** A word the French full-text search keeps as is: letters only, unique to this run. */
const RUN = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

async function next(page: Page, nextStep: string) {
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: nextStep, exact: true })).toBeVisible();
}

/** The applicant creates and submits a complete dossier on the rolling window; returns its id and receipt number. */
async function submitDossier(page: Page, title: string): Promise<{ id: string; reference: string }> {
  await page.goto(`/espace/dossiers/nouveau/${ROLLING}`);
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  const id = /\/espace\/dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.getByLabel("Titre du projet").fill(title);
  await page.getByLabel("Résumé du projet").fill(LONG("Publier chaque semaine les délais de traitement de la préfecture."));
  await page.getByLabel("Durée du projet (en mois)").fill("12");
  await next(page, "Administration et contacts");
  await page.getByLabel("SIRET de l’administration porteuse").fill("130 025 265 00013");
  await page.getByLabel("Service porteur").fill("Bureau de la donnée");
  await page.getByLabel("Nom du chef de projet").fill("Camille Candidate");
  await page.getByLabel("Adresse électronique du chef de projet").fill("camille.candidate@example.gouv.fr");
  await page.getByLabel("Téléphone du chef de projet").fill("01 23 45 67 89");
  await next(page, "Catégorie");
  const category = page.getByLabel("Catégorie du projet");
  await category.selectOption({ index: 1 });
  await next(page, "Objectifs et bénéfices attendus");
  await page.getByLabel("Objectifs du projet").fill(LONG("Réduire les délais de traitement."));
  await page.getByLabel("Bénéfices attendus pour votre administration").fill(LONG("Piloter les effectifs."));
  await page.getByLabel("Bénéfices attendus pour les usagers et les autres administrations").fill(LONG("Les usagers connaissent le délai."));
  await next(page, "Approche technique");
  await page.getByLabel("Approche technique").fill(LONG("Extraction nocturne vers un entrepôt PostgreSQL."));
  await page.getByLabel("Équipe projet").fill("Une cheffe de projet et deux développeurs.");
  await next(page, "Pérennité");
  await page.getByLabel("Pérennité du projet").fill(LONG("Le service informatique reprend le tableau de bord."));
  await next(page, "Budget et cofinancement");
  await page.getByRole("button", { name: "Ajouter une ligne de dépense" }).click();
  await page.getByLabel("Nature").selectOption({ label: "Personnel" });
  await page.getByLabel("Année").fill("2026");
  await page.getByLabel("Libellé").fill("Développement");
  await page.getByLabel("Montant (€)").fill("150000");
  await page.getByLabel("Cofinancement demandé (€)").fill("75000");
  await next(page, "Vérification et dépôt");
  await page.getByRole("button", { name: "Déposer le dossier" }).click();
  await expect(page).toHaveURL(/\/accuse-de-reception$/);
  return { id, reference: (await page.getByTestId("receipt-number").textContent())!.trim() };
}

function card(page: Page, title: string) {
  return page.locator("li[data-dossier-id]", { has: page.getByRole("heading", { name: title, exact: true }) });
}

test("staff triage, annotate, request a correction, preselect in bulk and release; the applicant sees the decision only after release", async ({ browser }) => {
  test.setTimeout(600_000);
  const applicant = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext()).newPage();
  await signIn(applicant, DEMO.applicant);
  await signIn(staff, DEMO.staff);

  const titleA = `Revue ${RUN} tableau des délais`;
  const titleB = `Revue ${RUN} carte des guichets`;
  const { id: idA, reference: refA } = await submitDossier(applicant, titleA);
  const { reference: refB } = await submitDossier(applicant, titleB);

  // Staff: search and filter the inbox; the URL keeps the filters.
  await staff.goto(INBOX);
  await staff.getByLabel("Rechercher").fill(RUN);
  await staff.getByRole("combobox", { name: "Statut" }).selectOption("SUBMITTED");
  await staff.getByRole("button", { name: "Filtrer" }).click();
  await expect(staff).toHaveURL(new RegExp(`q=${RUN}.*statut=SUBMITTED`));
  await expect(staff.getByRole("status").filter({ hasText: "correspondent aux filtres" })).toHaveText("2 dossiers correspondent aux filtres.");
  await expectNoAxeViolations(staff);

  // Annotate dossier A, then ask for a correction with a due date.
  await staff.getByRole("link", { name: titleA }).click();
  await expect(staff).toHaveURL(`${INBOX}/dossiers/${idA}`);
  await expect(staff.getByRole("heading", { level: 1, name: titleA })).toBeVisible();
  const secret = `Note interne ${RUN} : vérifier le devis d’hébergement.`;
  await staff.getByRole("textbox", { name: /^Annotation privée/ }).fill(secret);
  await staff.getByRole("button", { name: "Ajouter l’annotation" }).click();
  await expect(staff.getByText(secret, { exact: true })).toBeVisible();

  const seenCorrections = await countMail(DEMO.applicant, /^Correction demandée/);
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await staff.getByRole("textbox", { name: /^Message à l’administration/ }).fill("Ajoutez le devis de l’hébergeur dans le budget.");
  await staff.getByLabel("À corriger avant le").fill(due);
  await staff.getByRole("button", { name: "Demander la correction" }).click();
  // The request is listed, and the form gives way until the applicant resubmits.
  await expect(staff.getByText(/à faire avant le .*: Ajoutez le devis de l’hébergeur dans le budget\./)).toBeVisible();
  await expect(staff.getByRole("button", { name: "Demander la correction" })).toHaveCount(0);
  await expectNoAxeViolations(staff);
  const mail = await waitForMail(DEMO.applicant, /^Correction demandée/, { alreadySeen: seenCorrections });
  expect(mail.text).toContain("Ajoutez le devis de l’hébergeur dans le budget.");

  // Applicant: sees the request, never the annotation; answers and resubmits.
  await applicant.goto(`/espace/dossiers/${idA}`);
  await expect(applicant.getByRole("heading", { level: 1, name: "Corriger mon dossier" })).toBeVisible();
  await expect(applicant.getByTestId("correction-message")).toHaveText("Ajoutez le devis de l’hébergeur dans le budget.");
  await expect(applicant.getByText(secret)).toHaveCount(0);
  await expectNoAxeViolations(applicant);
  await applicant.getByRole("textbox", { name: /^Votre réponse à l’équipe du programme/ }).fill("Le devis est ajouté en ligne Hébergement.");
  await applicant.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(applicant.getByTestId("correction-answer")).toContainText("Le devis est ajouté en ligne Hébergement.");
  await applicant.goto(`/espace/dossiers/${idA}?etape=review`);
  await applicant.getByRole("button", { name: "Déposer le dossier" }).click();
  await expect(applicant).toHaveURL(/\/accuse-de-reception$/);

  // Staff see the answer and the resubmission in the history.
  await staff.reload();
  await expect(staff.getByText(/Réponse .*: Le devis est ajouté en ligne Hébergement\./).first()).toBeVisible();
  await expect(staff.getByText(/Dossier corrigé et déposé à nouveau/)).toBeVisible();

  // Bulk preselection of the two dossiers, with a confirmation that counts them.
  await staff.goto(`${INBOX}?q=${RUN}`);
  await staff.getByLabel(`Sélectionner le dossier ${refA}`).check({ force: true });
  await staff.getByLabel(`Sélectionner le dossier ${refB}`).check({ force: true });
  await staff.getByLabel("Action", { exact: true }).selectOption("decide");
  await staff.locator('select[name="decision"]').selectOption("PRESELECTED");
  await staff.getByLabel("Motif de la décision").fill("Projet réutilisable par les autres préfectures.");
  await staff.getByRole("button", { name: "Vérifier la sélection" }).click();
  await expect(staff.getByText("2 dossiers sur 2 sélectionnés vont changer. Confirmez pour appliquer.")).toBeVisible();
  await staff.getByRole("button", { name: "Confirmer (2 dossiers)" }).click();
  await expect(staff.getByText("2 dossiers modifiés sur 2 sélectionnés.")).toBeVisible();
  await staff.reload();
  await expect(staff.getByRole("row", { name: new RegExp(titleA) })).toContainText("Présélectionné (non publiée)");
  await expectNoAxeViolations(staff);

  // Embargo: the applicant sees no decision yet.
  const seenDecisions = await countMail(DEMO.applicant, /^Présélection — dossier/);
  await applicant.goto("/espace/dossiers");
  await expect(card(applicant, titleA).locator(".fr-badge")).toHaveText("Déposé");
  await expect(card(applicant, titleB).locator(".fr-badge")).toHaveText("Déposé");
  for (const title of [titleA, titleB]) await expect(card(applicant, title)).not.toContainText(/présélectionné|Projet réutilisable/i);

  // Staff release the call's decisions in one action.
  await staff.getByLabel(/Je publie les \d+ décisions? de présélection en attente/).check({ force: true });
  await staff.getByRole("button", { name: "Publier les décisions" }).click();
  await expect(staff.getByText(/\d+ décisions? publiées? ; \d+ e-mails? envoyés?/)).toBeVisible();

  // Now the applicant sees the outcome and its reason, and gets the e-mail.
  await applicant.reload();
  await expect(card(applicant, titleA).locator(".fr-badge")).toHaveText("Présélectionné");
  await expect(card(applicant, titleB).locator(".fr-badge")).toHaveText("Présélectionné");
  const decisionMail = await waitForMail(DEMO.applicant, /^Présélection — dossier/, { alreadySeen: seenDecisions });
  expect(decisionMail.text).toContain("présélectionné pour une audition");
  await expectNoAxeViolations(applicant);
});

test("applicants and jurors cannot open staff's view of a dossier", async ({ page }) => {
  await signIn(page, DEMO.applicant);
  expect((await page.goto(INBOX))?.status()).toBe(404);
  expect((await page.goto(`${INBOX}/dossiers/00000000-0000-4000-8000-000000000000`))?.status()).toBe(404);
  await page.context().clearCookies();
  await signIn(page, DEMO.jury);
  expect((await page.goto(INBOX))?.status()).toBe(404);
});
