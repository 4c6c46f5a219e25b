/**
 * Staff save named views of the inbox (filters, columns, sort), find them
 * again after a reload, apply them (a link: the URL stays the source of
 * truth), rename and delete them — with the keyboard only; another person
 * never sees them. Then the call's statistics: a chart and its data table,
 * and a dossier downloaded as a ZIP.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { unzip } from "../lib/testing/unzip";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

const INBOX = "/instruction/appels/donnee-administration-2021";
const FILTERED = `${INBOX}?statut=LAUREATE&categorie=api&tri=requested&ordre=desc&colonnes=reference,title,requested`;

// Sign-in (argon2) and axe are slow on the shared 2-core machine under load: more time, same checks.
test.setTimeout(180_000);

/** signIn, waiting longer than its 5 s for the first, cold sign-in of a freshly started server. */
async function signInPatiently(page: Page, email: string) {
  try {
    await signIn(page, email);
  } catch {
    await expect(page).not.toHaveURL(/\/connexion/, { timeout: 30_000 });
  }
}

/** Focuses an element as Tab would (it must be focusable), then presses a key. */
async function press(page: Page, locator: ReturnType<Page["locator"]>, key: string) {
  await locator.focus();
  await expect(locator).toBeFocused();
  await page.keyboard.press(key);
}

test("staff save a view, find it after a reload, apply, rename and delete it with the keyboard", async ({ page, browser }) => {
  const name = `Lauréats API ${randomUUID().slice(0, 6)}`;
  const renamed = `${name} (montants)`;
  await signInPatiently(page, DEMO.staff);
  await page.goto(FILTERED);
  await expect(page.getByText("4 dossiers correspondent aux filtres.")).toBeVisible();
  const views = page.getByRole("region", { name: "Mes vues enregistrées" });

  // An empty name: a French message tied to the field.
  // The label carries its hint (DSFR): matched on its start, inside the save form only.
  const field = page.getByRole("form", { name: "Enregistrer cette vue" }).getByLabel(/^Nom de la vue/);
  await press(page, field, "Enter");
  const error = page.getByText("Nom de la vue : ce champ est obligatoire.").first();
  await expect(error).toBeVisible();
  await expect(field).toHaveAttribute("aria-describedby", new RegExp(await error.getAttribute("id").then((id) => id ?? "absent")));

  await field.fill(name);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Vue « ${name} » enregistrée.`)).toBeVisible();
  await expect(views.getByRole("link", { name })).toBeVisible();

  // The same name again: refused, in French.
  await field.fill(name.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Vous avez déjà une vue nommée « ${name.toUpperCase()} » pour cet appel : choisissez un autre nom.`).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Another person (an administrator, who sees the inbox) does not see it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInPatiently(otherPage, DEMO.admin);
  await otherPage.goto(INBOX);
  await expect(otherPage.getByRole("region", { name: "Mes vues enregistrées" }).getByRole("link", { name })).toHaveCount(0);
  await other.close();

  // Reload the unfiltered inbox; the view is listed and applies its filters, columns and sort.
  await page.goto(INBOX);
  await page.reload();
  await expect(page.getByText("69 dossiers correspondent aux filtres.")).toBeVisible();
  await press(page, views.getByRole("link", { name }), "Enter");
  await expect(page).toHaveURL(/statut=LAUREATE&categorie=api&tri=requested&ordre=desc&colonnes=reference%2Ctitle%2Crequested$/);
  await expect(page.getByText("4 dossiers correspondent aux filtres.")).toBeVisible();
  await expect(page.locator("thead th")).toHaveText(["Sélection", /N° de dossier/, /Projet/, /Montant demandé/, "Présélection"]);
  await expect(page.getByRole("columnheader", { name: /Montant demandé/ })).toHaveAttribute("aria-sort", "descending");
  await expect(views.getByRole("link", { name })).toHaveAttribute("aria-current", "page");

  // Rename: the disclosure opens with the keyboard.
  await press(page, views.locator("summary", { hasText: `Renommer ou supprimer la vue « ${name} »` }), "Enter");
  const rename = views.getByRole("form", { name: `Renommer la vue « ${name} »` }).getByLabel(/^Nouveau nom de la vue/);
  await rename.fill(renamed);
  await page.keyboard.press("Enter");
  await expect(views.getByRole("link", { name: renamed })).toBeVisible();

  // Delete: the item goes, focus comes back to the list's heading.
  await press(page, views.getByRole("button", { name: `Supprimer la vue « ${renamed} »` }), "Enter");
  await expect(views.getByRole("link", { name: renamed })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Mes vues enregistrées" })).toBeFocused();
  await page.reload();
  await expect(views.getByRole("link", { name: renamed })).toHaveCount(0);
});

test("staff open the call's statistics: each chart has its data table", async ({ page }) => {
  await signInPatiently(page, DEMO.staff);
  await page.goto(INBOX);
  await press(page, page.getByRole("link", { name: "Statistiques de l’appel" }), "Enter");
  await expect(page).toHaveURL(`${INBOX}/statistiques`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Statistiques — /);

  const chart = page.getByRole("img", { name: /^Dossiers à chaque étape de la sélection/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("desc")).toHaveText("Déposés : 69 ; Recevables : 0 ; Présélectionnés : 33 ; Auditionnés : 33 ; Lauréats : 18");
  const table = page.getByRole("table", { name: "Dossiers à chaque étape de la sélection" });
  await expect(table.getByRole("row", { name: /^Déposés/ }).getByRole("cell").first()).toHaveText("69");
  await expect(table.getByRole("row", { name: /^Lauréats/ }).getByRole("cell").first()).toHaveText("18");
  await expect(page.getByRole("img", { name: /^Dossiers déposés, par ministère/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /par ministère$/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Montants demandés et enveloppe de l’appel/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Montants demandés et enveloppe de l’appel" }).getByRole("row", { name: /^Enveloppe de l’appel/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await press(page, page.getByRole("link", { name: "Retour aux dossiers de l’appel" }), "Enter");
  await expect(page).toHaveURL(INBOX);
});

test("applicants and jurors do not reach the statistics", async ({ page }) => {
  await signInPatiently(page, DEMO.applicant);
  expect((await page.goto(`${INBOX}/statistiques`))?.status()).toBe(404);
  await page.context().clearCookies();
  await signInPatiently(page, DEMO.jury);
  expect((await page.goto(`${INBOX}/statistiques`))?.status()).toBe(404);
});

test("staff download a dossier as a ZIP: the receipt PDF and dossier.json", async ({ page }) => {
  await signInPatiently(page, DEMO.staff);
  await page.goto(`${INBOX}?statut=LAUREATE&tri=reference`);
  const first = page.locator(`tbody tr a[href*="/dossiers/"]`).first();
  const title = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Télécharger le dossier \(ZIP/ }).click()]);
  expect(file.suggestedFilename()).toMatch(/^dossier-.+\.zip$/);
  const files = unzip(await readFile((await file.path())!));
  const names = [...files.keys()];
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/^accuse-de-reception-.+\.pdf$/);
  expect(files.get(names[0]!)!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(JSON.parse(files.get("dossier.json")!.toString("utf8"))).toMatchObject({ title, status: "LAUREATE" });
  await expectNoAxeViolations(page);

  // The same address, for an applicant: nothing.
  const url = new URL(page.url());
  await page.context().clearCookies();
  await signInPatiently(page, DEMO.applicant);
  expect((await page.request.get(`${url.pathname}/dossier.zip`)).status()).toBe(404);
});
