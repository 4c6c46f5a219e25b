import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Laureat-demo-2026";
export const DEMO = {
  admin: "admin@demo.laureat.fr",
  staff: "instruction@demo.laureat.fr",
  jury: "jury@demo.laureat.fr",
  applicant: "candidat@demo.laureat.fr",
  applicantB: "candidat2@demo.laureat.fr",
  juryConflicted: "jure3@demo.laureat.fr",
} as const;

/** Signs in through the sign-in form, like a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}
