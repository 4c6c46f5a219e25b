import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

test("an applicant signs in with a password, reaches their space and signs out", async ({ page }) => {
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fespace/);
  await expectNoAxeViolations(page);
  await signIn(page, DEMO.applicant, undefined, "/espace");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Camille Candidate");
  await expect(page.getByRole("link", { name: "Mon espace" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL("/");
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion/);
});

test("a wrong password gets one neutral French message", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(DEMO.applicant);
  await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  await page.getByLabel("Adresse électronique").fill("inconnu@example.fr");
  await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  // The address stays to be corrected; the password field is emptied.
  await expect(page.getByLabel("Adresse électronique")).toHaveValue("inconnu@example.fr");
  await expect(page.getByLabel("Mot de passe")).toHaveValue("");
  await expectNoAxeViolations(page);
});

test("without JavaScript, a refused sign-in page keeps the address and never carries the password", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill("inconnu-sans-script@example.fr");
  await page.getByLabel("Mot de passe").fill("mot-de-passe-saisi-sans-script");
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/connexion"),
    page.getByRole("button", { name: "Se connecter" }).click(),
  ]);
  const html = await answer.text();
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  await expect(page.getByLabel("Adresse électronique")).toHaveValue("inconnu-sans-script@example.fr");
  await expect(page.getByLabel("Mot de passe")).toHaveValue("");
  expect(html).toContain("inconnu-sans-script@example.fr");
  expect(html).not.toContain("mot-de-passe-saisi-sans-script");
  await context.close();
});
