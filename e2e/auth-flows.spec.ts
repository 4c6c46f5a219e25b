import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { countMail, linkIn, waitForMail } from "./mailbox";

// Several browser contexts, e-mails through the outbox worker, an identity
// provider: slow on a loaded machine.
test.describe.configure({ timeout: 180_000 });

const LINK_SENT = /Si un compte correspond à cette adresse, un courriel contenant un lien vient de lui être envoyé/;
const LINK_INVALID = "Ce lien n’est pas valide ou a expiré. Demandez un nouveau lien.";

async function requestLink(page: Page, linkName: string, email: string, button: string) {
  await page.goto("/connexion");
  await page.getByRole("link", { name: linkName }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByText(LINK_SENT)).toBeVisible();
}

test("magic link: an e-mail over SMTP signs in once, and the link cannot be reused", async ({ page, browser }) => {
  const subject = "Votre lien de connexion à Lauréat";
  const alreadySeen = await countMail(DEMO.staff, subject);
  await requestLink(page, "Recevoir un lien de connexion par courriel", DEMO.staff, "Recevoir un lien de connexion");
  const mail = await waitForMail(DEMO.staff, subject, { alreadySeen });
  const link = linkIn(mail, "/connexion/lien");
  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Inès Instructrice");

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await second.getByRole("button", { name: "Me connecter" }).click();
  await expect(second.getByText(LINK_INVALID)).toBeVisible();
  await second.goto("/espace");
  await expect(second).toHaveURL(/\/connexion/);
  await other.close();
});

test("magic link: an unknown address gets the same answer and no e-mail", async ({ page }) => {
  await requestLink(page, "Recevoir un lien de connexion par courriel", "personne@example.gouv.fr", "Recevoir un lien de connexion");
  await page.waitForTimeout(5000); // two outbox worker cycles
  expect(await countMail("personne@example.gouv.fr", /.*/)).toBe(0);
});

test("password reset: a weak password is refused, the link works once, then never again", async ({ page }) => {
  // The demo account is reset to its own demo password: the other specs keep
  // signing in with it even if this test stops half-way. That the previous
  // password stops working is proven by lib/auth/auth.int.test.ts.
  const account = DEMO.jury;
  const subject = "Réinitialisation de votre mot de passe Lauréat";
  const alreadySeen = await countMail(account, subject);
  await requestLink(page, "Mot de passe oublié", account, "Recevoir un lien de réinitialisation");
  const link = linkIn(await waitForMail(account, subject, { alreadySeen }), "/connexion/nouveau-mot-de-passe");

  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Nouveau mot de passe/).fill("motdepasse123");
  await page.getByLabel("Confirmation du nouveau mot de passe").fill("motdepasse123");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByText(/trop courant/)).toBeVisible();
  await page.getByLabel(/^Nouveau mot de passe/).fill(DEMO_PASSWORD);
  await page.getByLabel("Confirmation du nouveau mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/connexion\?mot-de-passe=modifie/);
  await expect(page.getByText("Votre mot de passe a été modifié.")).toBeVisible();
  await signIn(page, account, DEMO_PASSWORD);
  await page.context().clearCookies();

  // The same link a second time: refused, nothing changed.
  await page.goto(link);
  await page.getByLabel(/^Nouveau mot de passe/).fill("encore une autre phrase");
  await page.getByLabel("Confirmation du nouveau mot de passe").fill("encore une autre phrase");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByText(LINK_INVALID)).toBeVisible();
  await signIn(page, account, DEMO_PASSWORD);
});

test("five failed sign-ins lock the address with a clear message", async ({ page }) => {
  const email = "verrou@example.gouv.fr";
  for (let i = 0; i < 5; i++) {
    await page.goto("/connexion");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill(`mauvais-${i}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  }
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill("mauvais-5");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText(/Trop de tentatives : par sécurité, la connexion .* est bloquée pendant 15 minutes/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("sign out everywhere ends the sessions of other devices", async ({ page, browser }) => {
  await signIn(page, DEMO.applicantB);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.applicantB);
  await page.goto("/espace");
  await page.getByRole("button", { name: "Fermer toutes mes sessions" }).click();
  await expect(page.getByText("Vous êtes déconnecté de tous vos appareils.")).toBeVisible();
  await otherPage.goto("/espace");
  await expect(otherPage).toHaveURL(/\/connexion/);
  await other.close();
});

test("a tampered session cookie is refused and the visitor sent to sign-in", async ({ page, context }) => {
  await signIn(page, DEMO.applicant);
  // The header asks /api/auth/session, whose answer renews the cookie: let it
  // land, then close the page, so that nothing puts a valid cookie back.
  await page.waitForLoadState("networkidle");
  await page.close();
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const middle = Math.floor(session.value.length / 2);
  const flipped = session.value.slice(0, middle) + (session.value[middle] === "A" ? "B" : "A") + session.value.slice(middle + 1);
  await context.addCookies([{ ...session, value: flipped }]);
  const fresh = await context.newPage();
  await fresh.goto("/espace");
  await expect(fresh).toHaveURL(/\/connexion\?callbackUrl=%2Fespace/);
});

test.describe("ProConnect (OpenID Connect against a real provider on loopback)", () => {
  async function proConnect(page: Page, login: string) {
    await page.goto("/connexion?callbackUrl=%2Fespace");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: /ProConnect/ }).first().click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("peu-importe");
    await page.locator('button[type="submit"]').click();
  }

  test("a civil servant with an account signs in through the identity provider", async ({ page }) => {
    await proConnect(page, DEMO.staff);
    await expect(page).toHaveURL(/\/espace$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Inès Instructrice");
  });

  test("an unknown or unverified address is refused with one neutral message", async ({ page, context }) => {
    for (const login of ["inconnu@example.gouv.fr", `non-verifie+${DEMO.staff}`]) {
      await context.clearCookies();
      await proConnect(page, login);
      await expect(page).toHaveURL(/\/connexion/);
      await expect(page.getByText(/La connexion avec ProConnect n’a pas abouti/)).toBeVisible();
      await page.goto("/espace");
      await expect(page).toHaveURL(/\/connexion/);
    }
  });

  test("a forged callback is refused and the visitor sent to sign-in", async ({ page }) => {
    await page.goto("/api/auth/callback/proconnect?code=forged-code&state=forged-state");
    await expect(page).toHaveURL(/\/connexion/);
    await expect(page.getByText(/La connexion avec ProConnect n’a pas abouti/)).toBeVisible();
    await page.goto("/espace");
    await expect(page).toHaveURL(/\/connexion/);
  });
});
