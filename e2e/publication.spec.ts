import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { validateTable, type TableSchema } from "../lib/publication/table-schema";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

const SLUG = "donnee-administration-2021";
const RESULTS = `/appels/${SLUG}/resultats`;
const CSV = `/appels/${SLUG}/donnees/subventions.csv`;
const JSON_DATA = `/appels/${SLUG}/donnees/subventions.json`;
const FIRST_LAUREATE = `/appels/${SLUG}/laureats/lau-2020-0001`;
// The demo applicant's (candidat@) 2021 dossier: auditioned, not retained.
const APPLICANT_DOSSIER = "Projet fictif n° 01 — Tableau de bord des délais de traitement";
const round = JSON.parse(readFileSync(path.resolve("lib/demo/data/france-relance-2021-round1.json"), "utf8")) as {
  categories: { key: string; label: string; laureates: { name: string; administration: string }[] }[];
};
const scdlSchema = JSON.parse(readFileSync(path.resolve("lib/publication/data/scdl-subventions-2.0.1.schema.json"), "utf8")) as TableSchema;

async function feedEntries(request: APIRequestContext) {
  const response = await request.get("/resultats.atom");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" }).parse(xml).feed;
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  return (feed.entry ?? []) as { title: string; link: { "@_href": string } }[];
}

// One story, in order: the embargo, the deliberate act, the public results.
test.describe.serial("publication of the 2021 results", () => {
  // Several pages, axe runs and a sign-in per test, on a shared 2-core machine.
  test.describe.configure({ timeout: 240_000 });
  test("before publication, nothing of the results is visible to anyone but staff", async ({ page, request }) => {
    for (const url of [RESULTS, FIRST_LAUREATE, CSV, JSON_DATA]) {
      expect((await request.get(url)).status(), url).toBe(404);
    }
    for (const url of [RESULTS, FIRST_LAUREATE]) {
      const notFound = await page.goto(url);
      expect(notFound?.status(), url).toBe(404);
      // The French 404, rendered on the server inside the layout.
      expect(await notFound!.text(), url).toContain("<h1>Page non trouvée</h1>");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
      expect(await page.content()).not.toContain("ANAIS");
      await expectNoAxeViolations(page);
    }

    expect(await feedEntries(request)).toEqual([]);
    const catalogue = await (await request.get("/donnees/catalogue.json")).json();
    expect(catalogue.dataset).toEqual([]);

    await page.goto(`/appels/${SLUG}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("definition")).toHaveCount(0);

    await page.goto("/statistiques");
    await expect(page.getByText("Aucun résultat publié pour l’instant.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    // An applicant does not reach staff's preview.
    await signIn(page, DEMO.applicant);
    expect((await page.goto(`/espace/appels/${SLUG}/publication`))?.status()).toBe(404);
  });

  // The jury's feedback goes out with the results (decision 013): staff prepare it before publishing.
  test("staff prepare the jury's feedback to the applicants before publishing", async ({ page }) => {
    await signIn(page, DEMO.staff, undefined, `/instruction/appels/${SLUG}/jury`);
    await page.getByRole("button", { name: "Préparer les retours" }).click();
    // 33 drafts, or none new when e2e/jury-staff.spec.ts prepared them earlier in the run.
    await expect(page.getByText(/^(33 retours préparés|Aucun nouveau retour à préparer)\.$/)).toBeVisible();
    await expect(page.getByLabel(`Retour — ${APPLICANT_DOSSIER}`)).toHaveValue(/Le jury n’a pas retenu votre projet\./);
  });

  test("staff preview the results page, then publish it", async ({ page }) => {
    await signIn(page, DEMO.staff, undefined, `/espace/appels/${SLUG}/publication`);
    await expect(page.getByRole("heading", { level: 1, name: /Publication des résultats/ })).toBeVisible();
    const preview = page.locator(".laureat-preview");
    await expect(preview.locator("[data-laureate]")).toHaveCount(18);
    await expect(preview.locator("[data-figure]")).toHaveText(["69", "30", "12", "33", "33", "18"]);
    await expectNoAxeViolations(page);

    // Without the confirmation, nothing happens.
    await page.getByRole("button", { name: "Publier les résultats" }).click();
    await expect(page.getByText("Cochez la case pour confirmer la publication des résultats.").first()).toBeVisible();
    expect((await page.request.get(RESULTS)).status()).toBe(404);

    await page.getByText("J’ai relu l’aperçu ci-dessous et je publie ces résultats").click();
    await page.getByRole("button", { name: "Publier les résultats" }).click();
    await expect(page.getByRole("heading", { name: "Résultats publiés" })).toBeVisible();
    await expect(page.getByText(/18 lauréats publiés/)).toBeVisible();

    // Published once: the form is gone.
    await page.reload();
    await expect(page.getByRole("button", { name: "Publier les résultats" })).toHaveCount(0);
    await expect(page.getByText(/Résultats : publiés le/)).toBeVisible();
  });

  test("the applicant reads the jury's feedback on their dossier once the results are published", async ({ page }) => {
    await signIn(page, DEMO.applicant, undefined, "/espace/dossiers");
    await page.getByRole("listitem").filter({ hasText: APPLICANT_DOSSIER }).getByRole("link", { name: /^Accusé de réception / }).first().click();
    await expect(page.getByRole("heading", { name: "Retour du jury" })).toBeVisible();
    await expect(page.getByText(/Le jury n’a pas retenu votre projet\./)).toBeVisible();
    await expect(page.getByText(/Transmis le .* \(heure de Paris\)\./)).toBeVisible();
    await expectNoAxeViolations(page);
    // On staff's side the text is released, hence final.
    await page.context().clearCookies();
    await signIn(page, DEMO.staff, undefined, `/instruction/appels/${SLUG}/jury`);
    await expect(page.getByLabel(`Retour — ${APPLICANT_DOSSIER}`)).toHaveCount(0);
    await expect(page.getByRole("article").filter({ hasText: APPLICANT_DOSSIER })).toContainText("Transmis le");
  });

  test("an anonymous visitor reads the results: 18 laureates in 6 categories, 69 / 30 / 12 / 33 / 18", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(`${RESULTS}?utm_source=annonce&page=-1`);
    expect(response?.status()).toBe(200);
    // Served whole from Next's cache (decision 017): one document for everyone, without a nonce,
    // under the policy that allows its inline scripts and the site's own, nothing else.
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toContain("script-src 'self' 'unsafe-inline';");
    expect(csp).not.toContain("nonce-");
    expect(await response!.text()).not.toMatch(/<script[^>]* nonce=/);
    const again = await page.request.get(RESULTS);
    expect(again.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(again.headers()["content-security-policy"]).toBe(csp);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Résultats — /);
    await expect(page.locator("[data-figure]")).toHaveText(["69", "30", "12", "33", "33", "18"]);
    for (const [key, label] of [["submitted", "69"], ["administrations", "30"], ["ministries", "12"], ["preselected", "33"], ["laureates", "18"]]) {
      await expect(page.locator(`[data-figure="${key}"]`)).toHaveText(label!);
    }
    const categories = page.locator("section[data-category]");
    await expect(categories).toHaveCount(6);
    await expect(page.locator("[data-laureate]")).toHaveCount(18);
    for (const category of round.categories) {
      const section = page.locator(`section[data-category="${category.key}"]`);
      await expect(section.getByRole("heading", { level: 3 })).toContainText(category.label);
      for (const laureate of category.laureates) {
        const item = section.locator("[data-laureate]").filter({ hasText: laureate.name });
        await expect(item).toHaveCount(1);
        await expect(item).toContainText(laureate.administration);
      }
    }
    await expect(page.getByRole("heading", { level: 2, name: "Critères de sélection" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Composition du jury" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Prochaines étapes" })).toBeVisible();
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Résultats/);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", new RegExp(`${RESULTS}$`));
    await expectNoAxeViolations(page);
    // The DSFR and Next.js scripts of the cached document ran: nothing was blocked.
    await expect(page.locator("html")).toHaveAttribute("data-fr-js", "true");
    expect(violations).toEqual([]);

    // A laureate's public page.
    await page.locator("[data-laureate]").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/laureats\/lau-\d{4}-\d{4}$/);
    await expect(page.getByText("Cofinancement accordé")).toBeVisible();
    await expect(page.getByText("Administration porteuse")).toBeVisible();
    await expectNoAxeViolations(page);

    // The call page now shows the figures too.
    await page.goto(`/appels/${SLUG}`);
    await expect(page.getByRole("definition")).toHaveText(["69", "30", "12", "33", "33", "18"]);
    await expectNoAxeViolations(page);
  });

  test("the dark theme keeps the results page accessible", async ({ page }) => {
    await page.goto(RESULTS);
    // The display settings open through the DSFR's script: wait until it has started.
    await expect(page.locator("html")).toHaveAttribute("data-fr-js", "true");
    // A click before the modal component has started is lost: click again until the settings show.
    await expect(async () => {
      if (!(await page.getByText("Thème sombre").isVisible())) await page.getByRole("button", { name: /Paramètres d.affichage/ }).first().click();
      await expect(page.getByText("Thème sombre")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await page.getByText("Thème sombre").click();
    await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
    await page.keyboard.press("Escape");
    await expectNoAxeViolations(page);
  });

  test("open data: the CSV validates against the SCDL subsidies schema; JSON, catalogue and Atom feed agree", async ({ request }) => {
    const csv = await request.get(CSV);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="subventions-${SLUG}.csv"`);
    const rows = parse(await csv.text()) as string[][];
    expect(rows).toHaveLength(1 + 18);
    expect(validateTable(scdlSchema, rows)).toEqual([]);

    const json = await request.get(JSON_DATA);
    expect(json.headers()["content-type"]).toContain("application/json");
    const data = await json.json();
    expect(data.subventions).toHaveLength(18);
    expect(data.lignesOmises).toEqual([]);

    const catalogue = await (await request.get("/donnees/catalogue.json")).json();
    expect(catalogue.dataset).toHaveLength(1);
    expect(catalogue.dataset[0].distribution.map((d: { downloadURL: string }) => new URL(d.downloadURL).pathname)).toEqual([CSV, JSON_DATA]);

    const entries = await feedEntries(request);
    expect(entries).toHaveLength(1);
    expect(new URL(entries[0]!.link["@_href"]).pathname).toBe(RESULTS);
  });

  test("statistics across published calls: charts with data tables", async ({ page }) => {
    await page.goto("/statistiques");
    await expect(page.getByRole("heading", { level: 1, name: "Statistiques des appels à projets" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Cofinancement accordé, par ministère/ })).toBeVisible();
    const byMinistry = page.getByRole("table", { name: /par ministère/ });
    await expect(byMinistry.locator("tbody tr")).toHaveCount(12);
    const byCategory = page.getByRole("table", { name: /par catégorie/ });
    await expect(byCategory.locator("tbody tr")).toHaveCount(6);
    await expectNoAxeViolations(page);
  });

  test("unknown call or laureate: a proper 404", async ({ page, request }) => {
    for (const url of [`/appels/${SLUG}/laureats/lau-9999-9999`, `/appels/${SLUG}/laureats/Not_A_Slug`, "/appels/n-existe-pas/resultats"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
    }
    await expectNoAxeViolations(page);
    expect((await request.get("/appels/n-existe-pas/donnees/subventions.csv")).status()).toBe(404);
  });
});
