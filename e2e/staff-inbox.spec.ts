import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

const INBOX = "/instruction/appels/donnee-administration-2021";

test("staff search, filter, sort and page the inbox; the URL keeps the filters", async ({ page }) => {
  await signIn(page, DEMO.staff, undefined, "/espace");
  await page.getByRole("link", { name: /Premier appel à projets/ }).click();
  await expect(page).toHaveURL(INBOX);
  await expect(page.getByRole("status")).toHaveText("69 dossiers correspondent aux filtres.");
  await expect(page.getByText("Lauréat : 18")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Rechercher").fill("donnees maritimes");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/q=donnees\+maritimes/);
  await expect(page.getByRole("cell", { name: "ANAIS" })).toBeVisible();

});

test("filters survive the back button; sorting and keyset pages", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto(`${INBOX}?q=donnees+maritimes`);
  await expect(page.getByRole("cell", { name: "ANAIS" })).toBeVisible();
  await page.goto(`${INBOX}?statut=LAUREATE&categorie=api`);
  await expect(page.getByRole("status")).toHaveText("4 dossiers correspondent aux filtres.");
  await page.goBack();
  await expect(page.getByRole("cell", { name: "ANAIS" })).toBeVisible();

  await page.goto(INBOX);
  await page.getByRole("link", { name: /Montant demandé/ }).click();
  await expect(page.getByRole("columnheader", { name: /Montant demandé/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(19);
  await expect(page.getByRole("link", { name: "Page suivante" })).toHaveCount(0);
});

test("unknown or hostile parameters are ignored with a visible notice", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto(`${INBOX}?tri=title;drop%20table%20dossier&pirate=1&statut=<script>`);
  await expect(page.getByText(/Paramètres non reconnus, ignorés : pirate/)).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("69 dossiers correspondent aux filtres.");
  await expectNoAxeViolations(page);
});

test("applicants and jurors do not reach the inbox", async ({ page }) => {
  await signIn(page, DEMO.applicant);
  expect((await page.goto(INBOX))?.status()).toBe(404);
  await page.context().clearCookies();
  await signIn(page, DEMO.jury);
  expect((await page.goto(INBOX))?.status()).toBe(404);
});
