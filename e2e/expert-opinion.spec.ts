/**
 * Outside opinions: staff ask an expert (a new address) for an opinion on a
 * dossier of the 2021 round; the expert receives the e-mail, signs in with a
 * link (no password), reads that dossier only, is refused a missing yes/no
 * answer, gives the opinion; staff read it on their view; the applicant's
 * pages never show it.
 */
import { expect as baseExpect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { linkIn, waitForMail } from "./mailbox";

const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const INBOX = "/instruction/appels/donnee-administration-2021";
const RUN = Math.random().toString(36).slice(2, 10);
const EXPERT = `experte-${RUN}@exemple.fr`;
const OPINION = `Avis de l’experte ${RUN} : le registre des traitements est à compléter.`;

test("staff ask an outside expert, who signs in by e-mail, reads that dossier only and answers; staff read the opinion", async ({ page, browser }) => {
  await signIn(page, DEMO.staff);
  await page.goto(INBOX);
  const firstDossier = page.locator(`tbody tr a[href*="/dossiers/"]`).first();
  const title = (await firstDossier.innerText()).trim();
  await firstDossier.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const staffUrl = page.url();

  const form = page.getByRole("form", { name: "Demander un avis extérieur" });
  await form.getByLabel("Nom de l’expert").fill("Dominique Experte");
  await form.getByLabel("Adresse électronique de l’expert").fill("pas-une-adresse");
  await form.getByLabel("Ce que vous demandez à l’expert").fill("Le traitement de données personnelles décrit est-il conforme au RGPD ?");
  await form.getByLabel("Question fermée (facultatif)").fill("Une analyse d’impact est-elle nécessaire ?");
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Avis attendu avant le").fill(due);
  await form.getByRole("button", { name: "Demander l’avis" }).click();
  await expect(form.getByText("Adresse électronique de l’expert : format attendu nom@domaine.fr.").first()).toBeVisible();
  await form.getByLabel("Adresse électronique de l’expert").fill(EXPERT);
  await form.getByRole("button", { name: "Demander l’avis" }).click();
  await expect(form.getByText("Avis demandé : l’expert est prévenu par e-mail.")).toBeVisible();
  const section = page.getByRole("region", { name: "Avis extérieurs" });
  await expect(section.getByText(EXPERT)).toBeVisible();
  await expect(section.getByText("En attente")).toBeVisible();
  await expectNoAxeViolations(page);

  // The expert: the e-mail, a sign-in link, the request.
  const request = await waitForMail(EXPERT, /^Demande d’avis sur le dossier /);
  const requestPath = linkIn(request, "/espace/avis/");
  const expertContext = await browser.newContext();
  const expert = await expertContext.newPage();
  await expert.goto("/connexion/lien-par-courriel");
  await expert.getByLabel("Adresse électronique").fill(EXPERT);
  await expert.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  const signInMail = await waitForMail(EXPERT, "Votre lien de connexion à Lauréat");
  await expert.goto(linkIn(signInMail, "/connexion/lien"));
  await expert.getByRole("button", { name: "Me connecter" }).click();
  await expect(expert.getByRole("heading", { level: 1 })).toHaveText("Bonjour Dominique Experte");
  await expect(expert.getByRole("link", { name: "Mes demandes d’avis" })).toBeVisible();
  await expert.goto(requestPath);
  await expect(expert.getByRole("heading", { level: 1, name: `Avis sur « ${title} »` })).toBeVisible();
  await expectNoAxeViolations(expert);
  // That dossier only: no inbox, no staff view, no other request.
  expect((await expert.request.get(INBOX)).status()).toBe(404);
  expect((await expert.request.get(new URL(staffUrl).pathname)).status()).toBe(404);
  expect((await expert.request.get("/espace/avis/00000000-0000-4000-8000-000000000000")).status()).toBe(404);

  const answer = expert.getByRole("form", { name: "Donner mon avis" });
  await answer.getByLabel("Votre avis").fill(OPINION);
  await answer.getByRole("button", { name: "Transmettre mon avis" }).click();
  await expect(answer.getByText("Réponse à la question : choisissez oui ou non.").first()).toBeVisible();
  await answer.getByLabel("Votre avis").fill(OPINION);
  await answer.getByRole("radio", { name: "Oui" }).check({ force: true });
  await answer.getByRole("button", { name: "Transmettre mon avis" }).click();
  // The page now shows the opinion as given, in place of the form.
  const mine = expert.getByRole("region", { name: "Mon avis" });
  await expect(mine.getByText(/^Transmis le .* — Une analyse d’impact est-elle nécessaire \? : oui\.$/)).toBeVisible();
  await expect(mine.getByText(OPINION)).toBeVisible();
  await expert.goto("/espace/avis");
  await expect(expert.getByText(/^Avis donné le /)).toBeVisible();
  await expectNoAxeViolations(expert);
  await expertContext.close();

  // Staff read it.
  await page.goto(staffUrl);
  await expect(section.getByText(OPINION)).toBeVisible();
  await expect(section.getByText(/Réponse à la question : oui/)).toBeVisible();
});

test("the applicant never sees an opinion, and an expert's page is nobody else's", async ({ page }) => {
  await signIn(page, DEMO.applicant);
  await page.goto("/espace/dossiers");
  for (const href of await page.locator(`a[href^="/espace/dossiers/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
    const body = await (await page.request.get(href)).text();
    expect(body).not.toContain(`experte-${RUN}`);
    expect(body).not.toContain("Avis de l’experte");
  }
  await page.goto("/espace/avis");
  await expect(page.getByText("Aucune demande d’avis ne vous est adressée.")).toBeVisible();
});

test("without JavaScript (or before the page's scripts have run), a refused request comes back with what was typed, and the corrected one goes through", async ({ page, browser }) => {
  await signIn(page, DEMO.staff);
  await page.goto(INBOX);
  const href = (await page.locator(`tbody tr a[href*="/dossiers/"]`).nth(1).getAttribute("href"))!;
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const staff = await noScript.newPage();
  await staff.goto(href);
  const form = staff.getByRole("form", { name: "Demander un avis extérieur" });
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const expertEmail = `expert-sans-script-${RUN}@exemple.fr`;
  await form.getByLabel("Nom de l’expert").fill("Camille Expert");
  await form.getByLabel("Adresse électronique de l’expert").fill("pas-une-adresse");
  await form.getByLabel("Ce que vous demandez à l’expert").fill("La sécurité de l’hébergement décrit est-elle suffisante ?");
  await form.getByLabel("Question fermée (facultatif)").fill("Un audit est-il nécessaire ?");
  await form.getByLabel("Avis attendu avant le").fill(due);
  await form.getByRole("checkbox", { name: /Avis confidentiel/ }).check({ force: true });
  await form.getByRole("button", { name: "Demander l’avis" }).click();
  // The server rendered the page again: the refusal, and every field as it was typed.
  await expect(form.getByText("Adresse électronique de l’expert : format attendu nom@domaine.fr.").first()).toBeVisible();
  await expect(form.getByLabel("Nom de l’expert")).toHaveValue("Camille Expert");
  await expect(form.getByLabel("Adresse électronique de l’expert")).toHaveValue("pas-une-adresse");
  await expect(form.getByLabel("Ce que vous demandez à l’expert")).toHaveValue("La sécurité de l’hébergement décrit est-elle suffisante ?");
  await expect(form.getByLabel("Question fermée (facultatif)")).toHaveValue("Un audit est-il nécessaire ?");
  await expect(form.getByLabel("Avis attendu avant le")).toHaveValue(due);
  await expect(form.getByRole("checkbox", { name: /Avis confidentiel/ })).toBeChecked();
  // Correcting the one field is enough.
  await form.getByLabel("Adresse électronique de l’expert").fill(expertEmail);
  await form.getByRole("button", { name: "Demander l’avis" }).click();
  await expect(form.getByText("Avis demandé : l’expert est prévenu par e-mail.")).toBeVisible();
  const section = staff.getByRole("region", { name: "Avis extérieurs" });
  await expect(section.getByText(expertEmail)).toBeVisible();
  await expect(section.getByText("La sécurité de l’hébergement décrit est-elle suffisante ?")).toBeVisible();
  await waitForMail(expertEmail, /^Demande d’avis sur le dossier /);
  await noScript.close();
});
