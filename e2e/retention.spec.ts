import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

const SLUG = "donnee-administration-2021";
const PAGE = `/espace/appels/${SLUG}/conservation`;

test.describe("data retention of a call", () => {
  test.describe.configure({ timeout: 180_000 });

  test("an administrator reads the retention dry-run: what archiving would remove or anonymise, table by table", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto(PAGE);
    await expect(page.getByRole("heading", { level: 1, name: /^Conservation des données — / })).toBeVisible();
    await expect(page.getByText("Durée de conservation : 24 mois après la publication des résultats")).toBeVisible();
    await expect(page.getByText(/^Cette simulation ne modifie rien\./)).toBeVisible();

    const table = page.getByRole("table", { name: "Lignes supprimées ou anonymisées, par table" });
    await expect(table).toBeVisible();
    // The 2021 round: 51 submitted dossiers that are not laureates become anonymous rows; the 18 laureates lose their form answers only.
    const dossierRows = table.getByRole("row").filter({ has: page.getByRole("cell", { name: "dossier", exact: true }) });
    await expect(dossierRows.filter({ hasText: "Anonymisation" }).getByRole("cell", { name: /^(51|18)$/ })).toHaveText(["51", "18"]);
    for (const name of ["dossier_event", "mail_outbox", "app_user", "jury_evaluation", "call_reminder"]) {
      await expect(table.getByRole("cell", { name, exact: true })).toBeVisible();
    }

    // Row by row: the laureates listed by receipt number.
    await page.getByText("Anonymisation — dossier (18)").click();
    // Scoped: the jury's feedback drafts (jury_dossier, when prepared earlier in the run) name the same dossiers.
    await expect(page.locator("details").filter({ hasText: "Anonymisation — dossier (18)" }).getByText(/^LAU-2020-0001 — /)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Archiver l’appel" })).toBeVisible();
    await expect(page.getByText("Le journal d’audit chaîné, y compris l’enregistrement scellé de la délibération", { exact: false })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the retention period: a precise message for a bad value, saved otherwise", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto(PAGE);
    const months = page.getByLabel("Durée de conservation après la publication des résultats (en mois)");
    await months.fill("0");
    await page.getByRole("button", { name: "Enregistrer la durée" }).click();
    await expect(page.getByText("Indiquez un nombre entier de mois entre 1 et 120.")).toBeVisible();
    await months.fill("36");
    await page.getByRole("button", { name: "Enregistrer la durée" }).click();
    await expect(page.getByText("Durée de conservation enregistrée : 36 mois.")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Durée de conservation : 36 mois après la publication des résultats")).toBeVisible();
    // Back to the demo's value for the other specs.
    await months.fill("24");
    await page.getByRole("button", { name: "Enregistrer la durée" }).click();
    await expect(page.getByText("Durée de conservation enregistrée : 24 mois.")).toBeVisible();
  });

  test("staff of the call, jurors and applicants do not reach the page", async ({ page }) => {
    for (const account of [DEMO.staff, DEMO.jury, DEMO.applicant]) {
      await page.context().clearCookies();
      await signIn(page, account);
      expect((await page.goto(PAGE))?.status(), account).toBe(404);
    }
  });
});
