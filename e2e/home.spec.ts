import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures";

test("home page: DSFR shell, calls listed, footer links, no accessibility violation", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  const header = page.locator("header[role=banner]");
  await expect(header).toContainText("Lauréat");
  await expect(header.locator('a[href="/"]').first()).toBeVisible();

  await expect(page.getByRole("heading", { level: 1, name: "Appels à projets" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Premier appel à projets/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Guichet en continu/ })).toBeVisible();

  const footer = page.locator("footer#pied-de-page");
  for (const [name, href] of [
    [/Accessibilité/, "/accessibilite"],
    [/Mentions légales/, "/mentions-legales"],
    [/Données personnelles/, "/donnees-personnelles"],
    [/Plan du site/, "/plan-du-site"],
  ] as const) {
    const link = footer.getByRole("link", { name });
    await expect(link).toHaveAttribute("href", href);
    // Each footer link leads to a real page.
    const target = await page.request.get(href);
    expect(target.status(), href).toBe(200);
  }

  // Fonts are served by the app itself.
  const fontRequests: string[] = [];
  page.on("request", (r) => r.resourceType() === "font" && fontRequests.push(r.url()));
  await page.reload();
  await page.waitForLoadState("networkidle");
  expect(fontRequests.every((u) => u.startsWith(page.url().slice(0, page.url().indexOf("/", 8))))).toBe(true);

  await expectNoAxeViolations(page);
});

test("skip links come first and move focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const first = page.locator(":focus");
  await expect(first).toHaveText("Contenu");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});

test("the display settings switch to the dark theme", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /Paramètres d.affichage/ }).first().click();
  await page.getByText("Thème sombre").click();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await expectNoAxeViolations(page);
});

// The figures of the 2021 round appear once staff publish its results: e2e/publication.spec.ts.

test("unknown call: a 404 page in French", async ({ page }) => {
  const response = await page.goto("/appels/n-existe-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
  await expectNoAxeViolations(page);
});
