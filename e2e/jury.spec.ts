import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

const CALL = "/jury/journee-auditions-demo";
const D1 = "Tableau de bord fictif des délais de délivrance des titres";
const CRITERIA = [/Bénéfices potentiels/, /Pertinence technique/, /Pérennité/, /Adéquation du budget/];

async function juror(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Same steps as e2e/auth.ts, with room for password hashing on a loaded machine.
  await page.goto(`/connexion?callbackUrl=${encodeURIComponent(CALL)}`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(new RegExp(`${CALL}$`), { timeout: 30_000 });
  return { context, page };
}

async function acceptAndDeclare(page: Page, conflictOn?: string) {
  await page.getByRole("button", { name: "J’accepte l’engagement de confidentialité" }).click();
  await expect(page.getByRole("heading", { name: "Déclaration des conflits d’intérêts" })).toBeVisible();
  await expectNoAxeViolations(page);
  if (conflictOn) {
    await page.getByLabel(`Type de conflit — ${conflictOn}`).selectOption("SAME_ADMINISTRATION");
    await page.getByLabel(`Raison — ${conflictOn}`).fill("Je travaille dans cette préfecture.");
    await page.getByRole("button", { name: "Déclarer un conflit" }).first().click();
    await expect(page.getByText("Conflit déclaré : Même administration ou ministère")).toBeVisible();
  }
  await page.getByRole("button", { name: "J’ai terminé mes déclarations" }).click();
  await expect(page.getByRole("heading", { name: "Programme du jour" })).toBeVisible();
}

async function scoreCurrent(page: Page, values: string[]) {
  for (const [i, v] of values.entries()) {
    // DSFR's radio input sits over its short label: tap the radio itself.
    await page.getByRole("group", { name: CRITERIA[i] }).getByRole("radio", { name: v, exact: true }).check({ force: true });
  }
  await page.getByLabel(/Commentaire général/).fill("Audition claire, budget cohérent.");
  await page.getByRole("button", { name: "Valider ma notation" }).click();
}

test("audition day: declarations, a conflicted juror, offline scoring synced after reconnection, the chair's ranking", async ({ browser }) => {
  test.setTimeout(360_000);
  // The juror from the applicant's prefecture declares the conflict and never gets the dossier.
  const conflicted = await juror(browser, "jure2@demo.laureat.fr");
  const leaked: string[] = [];
  conflicted.page.on("response", async (r) => {
    if (r.url().includes("/jury/")) {
      const body = await r.text().catch(() => "");
      if (body.includes(D1)) leaked.push(r.url());
    }
  });
  await acceptAndDeclare(conflicted.page, D1);
  leaked.length = 0; // the declaration list names the dossier on purpose; from now on, nothing.
  await conflicted.page.reload();
  await expect(conflicted.page.getByRole("heading", { name: "Programme du jour" })).toBeVisible();
  await expect(conflicted.page.getByText(D1)).toHaveCount(0);
  await expectNoAxeViolations(conflicted.page);

  // A juror scores while offline: the scores wait in the browser, then arrive.
  const offline = await juror(browser, "jury@demo.laureat.fr");
  await acceptAndDeclare(offline.page);
  await expect(offline.page.getByRole("heading", { level: 2, name: D1 })).toBeVisible();
  await expectNoAxeViolations(offline.page);
  await offline.context.setOffline(true);
  await scoreCurrent(offline.page, ["4", "3,5", "4", "3"]);
  await expect(offline.page.getByText(/\d+ notes en attente de synchronisation/)).toBeVisible();
  await offline.context.setOffline(false);
  await expect(offline.page.getByText("Toutes les notes sont synchronisées")).toBeVisible({ timeout: 20_000 });

  // The chair scores the same dossier very differently: contested.
  const chair = await juror(browser, "presidente@demo.laureat.fr");
  await acceptAndDeclare(chair.page);
  await scoreCurrent(chair.page, ["1", "1", "1", "1"]);
  await expect(chair.page.getByText("Toutes les notes sont synchronisées")).toBeVisible({ timeout: 20_000 });
  await expect(chair.page.getByText("Jules Juré")).toBeVisible({ timeout: 15_000 });

  await chair.page.goto(`${CALL}/presidence`);
  await expect(chair.page.getByRole("heading", { name: "Classement en direct" })).toBeVisible();
  const row = chair.page.getByRole("table", { name: "Classement des dossiers" }).getByRole("row").filter({ hasText: D1 });
  await expect(row).toContainText("Dossier contesté");
  await expect(row).toContainText("2,31");
  await expect(chair.page.getByRole("heading", { name: /Robustesse à la ligne de coupure/ })).toBeVisible();
  await expect(chair.page.getByRole("row").filter({ hasText: "Bérénice Jurée" })).toContainText("Doit quitter la salle");
  await expectNoAxeViolations(chair.page);

  // Decisions within the envelope, then the lock and the minutes.
  const titles = await chair.page.getByRole("button", { name: /^Verrouiller les notes — / }).allTextContents();
  expect(titles).toHaveLength(8);
  for (const [index, t] of titles.entries()) {
    const title = t.replace(/^Verrouiller les notes — /, "");
    await chair.page.getByRole("button", { name: t }).click();
    await expect(chair.page.getByLabel(`Décision — ${title}`)).toBeVisible();
    const laureate = title === D1;
    await chair.page.getByLabel(`Décision — ${title}`).selectOption(laureate ? "LAUREATE" : "NOT_RETAINED");
    await chair.page.getByLabel(`Montant accordé en euros — ${title}`).fill(laureate ? "200000" : "");
    await chair.page.getByLabel(`Motivation du jury — ${title}`).fill(laureate ? "Projet utile à d’autres préfectures." : "Classé derrière les lauréats.");
    await chair.page.getByRole("button", { name: `Enregistrer la décision — ${title}` }).click();
    if (laureate) {
      // Above the request: refused with both figures, then corrected.
      await expect(chair.page.getByText(/Le montant accordé \(200\s000\s€\) dépasse le montant demandé \(180\s000\s€\)/)).toBeVisible();
      // React resets a form after its action: fill it again.
      await chair.page.getByLabel(`Décision — ${title}`).selectOption("LAUREATE");
      await chair.page.getByLabel(`Montant accordé en euros — ${title}`).fill("150000");
      await chair.page.getByLabel(`Motivation du jury — ${title}`).fill("Projet utile à d’autres préfectures.");
      await chair.page.getByRole("button", { name: `Enregistrer la décision — ${title}` }).click();
    }
    await expect(chair.page.getByText("Décision enregistrée.")).toHaveCount(index + 1);
  }
  await chair.page.getByRole("button", { name: "Verrouiller la délibération" }).click();
  await expect(chair.page.getByText("Délibération verrouillée").first()).toBeVisible();
  const pdf = await chair.page.request.get(`${CALL}/presidence/proces-verbal`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect((await offline.page.request.get(`${CALL}/presidence/proces-verbal`)).status()).toBe(404);

  // The conflicted juror's API calls on that dossier are refused, and nothing leaked.
  const status = await conflicted.page.evaluate(async (callPath) => {
    const html = await (await fetch(callPath)).text();
    return html.includes("Tableau de bord fictif");
  }, CALL);
  expect(status).toBe(false);
  expect(leaked).toEqual([]);
  for (const c of [conflicted, offline, chair]) await c.context.close();
});
