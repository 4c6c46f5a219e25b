import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { linkIn, waitForMail } from "./mailbox";

// An administrator invites a new agent of an administration; the agent
// accepts from the e-mail, gets an account in that administration and is
// signed in; the link then no longer works.
test("an administrator invites an agent, who joins their administration from the e-mail", async ({ browser }) => {
  test.setTimeout(180_000);
  const invitee = `invitee-${Date.now().toString(36)}@example.gouv.fr`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/espace");
  await admin.getByRole("link", { name: /Inviter des personnes/ }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Invitations");
  await expectNoAxeViolations(admin);

  // A refusal names the field and keeps what was typed.
  await admin.getByLabel("Adresse électronique").fill(invitee);
  await admin.getByLabel("Nom et prénom").fill("Inès Invitée");
  await admin.getByLabel("Rôle").selectOption({ label: "membre d’une administration candidate" });
  await admin.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(admin.getByText("Choisissez l’administration.")).toBeVisible();
  await expect(admin.getByLabel("Adresse électronique")).toHaveValue(invitee);

  await admin.getByLabel("Administration").selectOption({ label: "Préfecture fictive de Bellecombe" });
  await admin.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(admin.getByText(`Invitation envoyée à ${invitee}.`)).toBeVisible();
  const row = admin.getByRole("row", { name: new RegExp(invitee) });
  await expect(row).toContainText("En attente");
  await expectNoAxeViolations(admin);

  const link = linkIn(await waitForMail(invitee, "Invitation à rejoindre Lauréat", { timeoutMs: 30_000 }), "/invitation");
  const inviteeContext = await browser.newContext();
  const page = await inviteeContext.newPage();
  await page.goto(link);
  await expect(page.getByText("Préfecture fictive de Bellecombe")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accepter l’invitation" }).click();
  await expect(page).toHaveURL(/\/espace\/dossiers$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The link works once.
  await page.goto(link);
  await expect(page.getByText(/n’est pas valide/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter l’invitation" })).toHaveCount(0);

  await admin.reload();
  await expect(admin.getByRole("row", { name: new RegExp(invitee) })).toContainText("Acceptée");
  await adminContext.close();
  await inviteeContext.close();
});
