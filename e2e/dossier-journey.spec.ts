import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

/** Keyboard only: focus a control and act on it with keys, no mouse. */
async function press(page: Page, name: string | RegExp, role: "button" | "link" = "button") {
  const control = page.getByRole(role, { name });
  // A form that needs JavaScript enables its button once the page is hydrated.
  if (role === "button") await expect(control).toBeEnabled();
  await control.focus();
  await page.keyboard.press("Enter");
}

async function type(page: Page, label: string | RegExp, text: string) {
  // DSFR puts the hint inside the label: match its beginning.
  const field = page.getByLabel(label);
  await field.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

async function choose(page: Page, label: string, optionLabel: string) {
  const select = page.getByLabel(label);
  await select.focus();
  // Chromium's closed <select> takes the typed option label.
  await select.selectOption({ label: optionLabel });
}

async function next(page: Page, nextStep: string) {
  await press(page, "Enregistrer et continuer");
  await expect(page.getByRole("heading", { level: 2, name: nextStep, exact: true })).toBeFocused();
}

/** A 1×1 PNG: sent once under a lying name (.pdf), once under its own. */
const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

async function smallPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText("Budget previsionnel detaille");
  return Buffer.from(await doc.save());
}

/** The keyboard opens the file picker (Space on the focused input); the test answers it. */
async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel(/Ajouter des pièces jointes/).focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles(file);
}

const LONG = (s: string) => `${s} ${"Texte de démonstration suffisamment long pour la règle des cinquante caractères.".slice(0, 80)}`;

test("an applicant fills every step with the keyboard, survives a reload, submits and follows the dossier", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, DEMO.applicant);

  await page.goto("/appels/guichet-continu-petits-projets");
  await expect(page.getByRole("heading", { name: "Conditions d’éligibilité" })).toBeVisible();
  await expect(page.getByText(/Cofinancement demandé au plus égal à 100\s000\s€/)).toBeVisible();
  await expect(page.getByText(/Guichet en continu : pas de date limite unique/)).toBeVisible();
  await expectNoAxeViolations(page);
  await press(page, "Déposer un dossier", "link");
  await expect(page.getByRole("heading", { level: 1, name: "Déposer un dossier" })).toBeVisible();
  await expectNoAxeViolations(page);
  await press(page, "Créer le brouillon");
  await expect(page).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  const dossierUrl = page.url().split("?")[0]!;

  // Step 1: an empty step shows the summary and moves the focus to the first error.
  await expect(page.getByRole("heading", { level: 2, name: "Projet", exact: true })).toBeVisible();
  await press(page, "Enregistrer et continuer");
  await expect(page.getByRole("alert").filter({ hasText: "erreurs empêchent de continuer" })).toBeVisible();
  await expect(page.getByLabel("Titre du projet")).toBeFocused();
  await expect(page.getByLabel("Titre du projet")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Titre du projet : ce champ est obligatoire.").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await type(page, "Titre du projet", "Tableau de bord des délais de traitement");
  await type(page, "Résumé du projet", LONG("Publier chaque semaine les délais de traitement de la préfecture."));
  await type(page, "Durée du projet (en mois)", "12");
  await next(page, "Administration et contacts");

  await type(page, "SIRET de l’administration porteuse", "130 025 265 00014");
  await type(page, "Service porteur", "Bureau de la donnée");
  await type(page, "Nom du chef de projet", "Camille Candidate");
  await type(page, "Adresse électronique du chef de projet", "camille.candidate@example.gouv.fr");
  await type(page, "Téléphone du chef de projet", "01 23 45 67 89");
  await press(page, "Enregistrer et continuer");
  await expect(page.getByText("SIRET : ce numéro n’est pas valide (clé de contrôle incorrecte).").first()).toBeVisible();
  await expect(page.getByLabel("SIRET de l’administration porteuse")).toBeFocused();
  await type(page, "SIRET de l’administration porteuse", "130 025 265 00013");
  await next(page, "Catégorie");

  const categorySelect = page.getByLabel("Catégorie du projet");
  const firstCategory = (await categorySelect.locator("option").nth(1).textContent())!;
  await choose(page, "Catégorie du projet", firstCategory);
  await next(page, "Objectifs et bénéfices attendus");

  await type(page, "Objectifs du projet", LONG("Réduire les délais de traitement."));
  await type(page, "Bénéfices attendus pour votre administration", LONG("Piloter les effectifs à partir de données fraîches."));
  // Autosave a few seconds after typing stops.
  await expect(page.getByRole("status").filter({ hasText: /Enregistré à \d{2}:\d{2}/ })).toBeVisible({ timeout: 15_000 });

  // A reload mid-way restores the draft exactly, on the same step.
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Objectifs et bénéfices attendus", exact: true })).toBeVisible();
  await expect(page.getByLabel("Objectifs du projet")).toHaveValue(LONG("Réduire les délais de traitement."));
  await expect(page.getByLabel("Bénéfices attendus pour votre administration")).toHaveValue(LONG("Piloter les effectifs à partir de données fraîches."));
  await type(page, "Bénéfices attendus pour les usagers et les autres administrations", LONG("Les usagers connaissent le délai prévisible."));
  await next(page, "Approche technique");

  await type(page, "Approche technique", LONG("Extraction nocturne vers un entrepôt PostgreSQL."));
  await type(page, "Équipe projet", "Une cheffe de projet et deux développeurs.");
  await next(page, "Pérennité");

  await type(page, "Pérennité du projet", LONG("Le service informatique reprend le tableau de bord."));
  await next(page, "Budget et cofinancement");

  await press(page, "Ajouter une ligne de dépense");
  await choose(page, "Nature", "Personnel");
  await type(page, "Année", "2026");
  await type(page, "Libellé", "Développement");
  await type(page, "Montant (€)", "150000");
  await expect(page.getByTestId("budget-total")).toHaveText(/150\s000\s€/);
  // Above the 100 000 € ceiling: shown live, and refused by the server at submission.
  await type(page, "Cofinancement demandé (€)", "100000,01");
  await expect(page.getByText(/dépasse le plafond de l’appel/)).toBeVisible();
  await type(page, "Cofinancement demandé (€)", "75000");
  await expect(page.getByText("Taux de cofinancement : 50 %")).toBeVisible();
  await expectNoAxeViolations(page);
  await next(page, "Vérification et dépôt");

  await expect(page.getByText("Tableau de bord des délais de traitement")).toBeVisible();
  await expect(page.getByText(/À compléter/)).toHaveCount(0);

  // Attachments: a PNG named .pdf is refused with the reason; a real PDF is sent and listed.
  await chooseFile(page, { name: "budget.pdf", mimeType: "application/pdf", buffer: PNG_1X1 });
  await expect(page.getByRole("alert").filter({ hasText: /Le fichier «\sbudget\.pdf\s» n’est pas un PDF : son contenu est une image PNG\./ })).toBeVisible();
  await chooseFile(page, { name: "vide.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
  await expect(page.getByRole("alert").filter({ hasText: /Le fichier «\svide\.pdf\s» est vide\./ })).toBeVisible();
  await expect(page.getByText("Aucune pièce jointe.")).toBeVisible();
  const pdfBytes = await smallPdf();
  await chooseFile(page, { name: "Budget prévisionnel.pdf", mimeType: "application/pdf", buffer: pdfBytes });
  const attachments = page.getByRole("list", { name: "Pièces jointes du dossier" });
  await expect(attachments.getByRole("link", { name: "Budget prévisionnel.pdf (télécharger)" })).toBeVisible();
  await expect(attachments.getByText(/PDF — \d+(,\d)?\sko|PDF — \d+\soctets/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /«\sBudget prévisionnel\.pdf\s» a été ajouté\./ })).toBeAttached();
  await expect(page.getByRole("alert").filter({ hasText: /n’est pas un PDF/ })).toHaveCount(0);
  // A second file, then « Retirer » with the keyboard: the focus goes back to the file input.
  await chooseFile(page, { name: "logo.png", mimeType: "image/png", buffer: PNG_1X1 });
  await expect(attachments.getByRole("link", { name: "logo.png (télécharger)" })).toBeVisible();
  await press(page, /Retirer\s«\slogo\.png\s»/);
  await expect(attachments.getByRole("link", { name: "logo.png (télécharger)" })).toHaveCount(0);
  await expect(page.getByLabel(/Ajouter des pièces jointes/)).toBeFocused();
  // The uploaded file comes back byte for byte, as a download.
  const gettingFile = page.waitForEvent("download");
  await attachments.getByRole("link", { name: "Budget prévisionnel.pdf (télécharger)" }).focus();
  await page.keyboard.press("Enter");
  const attachmentDownload = await gettingFile;
  expect(readFileSync((await attachmentDownload.path())!).equals(pdfBytes)).toBe(true);
  const attachmentPath = new URL(attachmentDownload.url()).pathname;
  await expectNoAxeViolations(page);
  await press(page, "Déposer le dossier");

  await expect(page).toHaveURL(/\/accuse-de-reception$/);
  await expect(page.getByRole("heading", { level: 1, name: "Accusé de réception" })).toBeVisible();
  const receipt = (await page.getByTestId("receipt-number").textContent())!;
  expect(receipt).toMatch(/^LAU-\d{4}-\d{5}$/);
  await expectNoAxeViolations(page);

  // The receipt as a PDF to file, carrying the same number; another administration cannot fetch it.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger l’accusé de réception (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`accuse-de-reception-${receipt}.pdf`);
  const pdf = await PDFDocument.load(readFileSync((await download.path())!));
  expect(pdf.getTitle()).toBe(`Accusé de réception ${receipt}`);
  const pdfUrl = new URL(download.url()).pathname;
  const other = await page.context().browser()!.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.applicantB);
  expect((await otherPage.request.get(pdfUrl)).status()).toBe(404);
  // Nor the attachment.
  expect((await otherPage.request.get(attachmentPath)).status()).toBe(404);
  await other.close();

  // The acknowledgement lists the attachment; staff see it on their view of the dossier and may download it.
  await expect(page.getByRole("list", { name: "Pièces jointes du dossier" }).getByRole("link", { name: "Budget prévisionnel.pdf (télécharger)" })).toBeVisible();
  const dossierId = dossierUrl.split("/").pop()!;
  const staffContext = await page.context().browser()!.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, DEMO.staff);
  await staffPage.goto(`/instruction/appels/guichet-continu-petits-projets/dossiers/${dossierId}`);
  await expect(staffPage.getByRole("heading", { level: 2, name: "Pièces jointes" })).toBeVisible();
  await expect(staffPage.getByRole("link", { name: "Budget prévisionnel.pdf (télécharger)" })).toHaveAttribute("href", attachmentPath);
  const staffDownload = await staffPage.request.get(attachmentPath);
  expect(staffDownload.status()).toBe(200);
  expect(staffDownload.headers()["content-type"]).toBe("application/pdf");
  expect(staffDownload.headers()["x-content-type-options"]).toBe("nosniff");
  expect(staffDownload.headers()["content-disposition"]).toMatch(/^attachment; filename="Budget previsionnel\.pdf"; filename\*=UTF-8''Budget%20pr%C3%A9visionnel\.pdf$/);
  expect((await staffDownload.body()).equals(pdfBytes)).toBe(true);
  await staffContext.close();

  // Frozen: the form is no longer reachable.
  await page.goto(dossierUrl);
  await expect(page).toHaveURL(/\/accuse-de-reception$/);

  await page.goto("/espace/dossiers");
  const card = page.locator("li[data-dossier-id]", { has: page.getByRole("heading", { name: "Tableau de bord des délais de traitement", exact: true }) });
  await expect(card.locator(".fr-badge")).toHaveText("Déposé");
  await expect(card.getByText(`N° ${receipt}`, { exact: true })).toBeVisible();
  await card.getByText(/Historique du dossier/).focus();
  await page.keyboard.press("Enter");
  await expect(card.getByText(`Dossier déposé (n° ${receipt}).`, { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("another administration cannot open the dossier; without scripts, the form cannot leak into a URL", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.applicant);
  await page.goto("/espace/dossiers/nouveau/guichet-continu-petits-projets");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  const url = page.url().split("?")[0]!;
  // Before the scripts run (here: never), the form cannot be sent: a native GET would put the dossier in the URL.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const frozen = await noScript.newPage();
  await frozen.goto(url);
  await expect(frozen.getByLabel(/^Titre du projet/)).toBeVisible();
  await expect(frozen.getByRole("button", { name: "Enregistrer et continuer" })).toBeDisabled();
  await frozen.getByLabel(/^Titre du projet/).press("Enter");
  // A negative: give a navigation the time to start, then check none did.
  const navigated = await frozen.waitForURL((u) => u.search !== "", { timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  expect(navigated, frozen.url()).toBe(false);
  await noScript.close();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.applicantB);
  const response = await otherPage.goto(url);
  expect(response?.status()).toBe(404);
  await other.close();
});
