import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

test("two editors of the same dossier: the second gets a conflict instead of a lost update", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, DEMO.applicant);
  await signIn(b, DEMO.applicant);

  await a.goto("/espace/dossiers/nouveau/guichet-continu-petits-projets");
  await a.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(a).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  const url = a.url().split("?")[0]!;
  await b.goto(`${url}?etape=project`);
  await expect(b.getByLabel("Titre du projet")).toHaveValue("");

  await a.getByLabel("Titre du projet").fill("Version de l’éditeur A");
  await expect(a.getByRole("status").filter({ hasText: /Enregistré à/ })).toBeVisible({ timeout: 15_000 });

  // B started from the same version and saves after A.
  await b.getByLabel("Titre du projet").fill("Version de l’éditeur B");
  const panel = b.getByRole("alert").filter({ hasText: "Ce dossier a été modifié par quelqu’un d’autre" });
  await expect(panel).toBeVisible({ timeout: 15_000 });
  await expect(b.getByRole("status")).toHaveText(/conflit de modification/);
  const row = panel.getByRole("row", { name: /Titre du projet/ });
  await expect(row).toContainText("Version de l’éditeur B");
  await expect(row).toContainText("Version de l’éditeur A");
  await expectNoAxeViolations(b);

  // A's work was not overwritten.
  await a.reload();
  await expect(a.getByLabel("Titre du projet")).toHaveValue("Version de l’éditeur A");

  // B chooses: take the saved version.
  await b.getByRole("button", { name: "Reprendre la version enregistrée" }).click();
  await expect(panel).toHaveCount(0);
  await expect(b.getByLabel("Titre du projet")).toHaveValue("Version de l’éditeur A");

  // Then B edits again on top of A's version: saved without conflict.
  const saved = b.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/espace/dossiers/"), { timeout: 15_000 });
  await b.getByLabel("Titre du projet").fill("Version de l’éditeur A, complétée par B");
  await saved;
  await expect(b.getByRole("status").filter({ hasText: /Enregistré à/ })).toBeVisible({ timeout: 15_000 });
  await a.reload();
  await expect(a.getByLabel("Titre du projet")).toHaveValue("Version de l’éditeur A, complétée par B");
});
