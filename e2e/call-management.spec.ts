/**
 * Call management, end to end: an administrator creates a call from scratch,
 * adds two questions and opens it; an applicant meets those questions and
 * their validation; the administrator duplicates the call into a rolling
 * window with a 100 000 € ceiling, which the server enforces at submission.
 */
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";

// Server actions followed by a navigation can take seconds on a loaded 2-core machine.
const expect = baseExpect.configure({ timeout: 20_000 });

/** « 2027-01-31T23:59 » in Paris, `days` from now. */
function parisLocal(days: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const LONG = (s: string) => `${s} Texte de démonstration suffisamment long pour la règle des cinquante caractères.`;
const suffix = Date.now().toString(36);
const SLUG = `donnees-locales-${suffix}`;
const ROLLING_SLUG = `guichet-donnees-locales-${suffix}`;

async function continueTo(page: Page, heading: string) {
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
}

async function openCall(page: Page) {
  const form = page.getByRole("form", { name: "Ouvrir l’appel" });
  await form.getByLabel(/Je confirme/).check({ force: true });
  await form.getByRole("button", { name: "Ouvrir l’appel" }).click();
  await expect(page.locator(".fr-badge").filter({ hasText: "Ouvert aux dépôts" })).toBeVisible();
}

test("an administrator creates, opens and duplicates a call; its questions and ceiling apply to applicants", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, DEMO.admin);

  // ——— Create from scratch, bad input first.
  await page.goto("/espace");
  await page.getByRole("link", { name: "Gestion des appels" }).click();
  await page.getByRole("link", { name: "Créer un appel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer un appel" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Titre de l’appel").fill("Appel à projets données locales");
  await page.getByLabel("Adresse de la page").fill(SLUG);
  await page.getByLabel("Résumé").fill("Cofinancer les projets de données des services déconcentrés.");
  await page.getByLabel(/^Description/).fill("## Objectif\n\nCofinancer les projets qui **exploitent** les données locales.\n\n- tableaux de bord\n- ouverture des données\n\n<script>alert(1)</script>");
  await page.getByLabel("Thèmes (facultatif)").fill("Données locales\nPilotage");
  await page.getByLabel("Catégories de projets").fill("Exploitation des données\nOuverture des données");
  await page.getByLabel("Service déconcentré").check({ force: true });
  await page.getByLabel("Administration centrale").check({ force: true });
  await page.getByLabel("Enveloppe budgétaire (€)").fill("-5000");
  await page.getByLabel("Cofinancement maximal par projet").fill("200000");
  await page.getByLabel("Ouverture des dépôts").fill(parisLocal(-1));
  await page.getByLabel(/^Clôture des dépôts/).fill(parisLocal(-2));
  await page.getByLabel(/^Présélection/).fill(parisLocal(40));
  await page.getByLabel(/^Résultats attendus/).fill(parisLocal(60));
  await page.getByRole("button", { name: "Créer l’appel" }).click();
  await expect(page.getByText("Enveloppe budgétaire : le montant ne peut pas être négatif.").first()).toBeVisible();
  await expect(page.getByLabel("Enveloppe budgétaire (€)")).toBeFocused();
  await expectNoAxeViolations(page);
  // Field errors first; then the dates, checked against each other.
  await page.getByLabel("Enveloppe budgétaire (€)").fill("1000000");
  await page.getByRole("button", { name: "Créer l’appel" }).click();
  await expect(page.getByText("Clôture des dépôts : elle doit suivre l’ouverture.").first()).toBeVisible();
  await expect(page).toHaveURL(/\/espace\/appels\/nouveau$/);
  await page.getByLabel(/^Clôture des dépôts/).fill(parisLocal(30));
  await page.getByRole("button", { name: "Créer l’appel" }).click();
  await expect(page).toHaveURL(new RegExp(`/espace/appels/${SLUG}\\?enregistre=1$`));
  await expect(page.getByRole("heading", { level: 1, name: "Appel à projets données locales" })).toBeVisible();
  await expect(page.locator('[data-checklist="closing"]')).toHaveAttribute("data-done", "true");
  await expectNoAxeViolations(page);

  // The preview renders the Markdown, never the raw HTML.
  await page.getByRole("link", { name: "Aperçu de la page publique" }).click();
  await expect(page.getByText("Aperçu : cette page n’est pas publique tant que l’appel n’est pas ouvert.")).toBeVisible();
  await expect(page.locator("article strong").filter({ hasText: "exploitent" })).toBeVisible();
  await expect(page.getByText("<script>alert(1)</script>")).toBeVisible();
  await expectNoAxeViolations(page);
  // Not public yet.
  expect((await page.request.get(`/appels/${SLUG}`)).status()).toBe(404);

  // The list of calls, and the team: the juror joins the call's jury.
  await page.goto("/espace/appels");
  await expect(page.getByRole("link", { name: "Appel à projets données locales" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/espace/appels/${SLUG}/equipe`);
  await page.getByLabel("Adresse électronique du compte").fill(DEMO.applicant);
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByText(/c’est le compte d’un agent d’une administration candidate/).first()).toBeVisible();
  await page.getByLabel("Adresse électronique du compte").fill(DEMO.jury);
  await page.getByLabel("Rôle").selectOption({ label: "Membre du jury" });
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Retirer Jules Juré/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // ——— Two questions.
  await page.goto(`/espace/appels/${SLUG}/questions`);
  await page.getByLabel("Type de question").selectOption({ label: "Nombre" });
  await page.getByLabel("Intitulé").fill("Nombre d’agents concernés");
  await page.getByLabel("Réponse obligatoire").check({ force: true });
  await page.getByLabel("Minimum (facultatif)").fill("1");
  await page.getByLabel("Maximum (facultatif)").fill("5000");
  await page.getByRole("button", { name: "Ajouter la question" }).click();
  await expect(page.getByText("Question ajoutée.")).toBeVisible();
  await page.getByLabel("Type de question").selectOption({ label: "Choix unique" });
  await page.getByLabel("Intitulé").fill("Maturité du projet");
  await page.getByLabel("Options").fill("Idée\nPrototype\nEn production");
  await page.getByRole("button", { name: "Ajouter la question" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Questions (2)" })).toBeVisible();
  await expectNoAxeViolations(page);

  // ——— Open.
  await page.goto(`/espace/appels/${SLUG}`);
  await expect(page.getByText("Tout ce qui est requis pour ouvrir l’appel est renseigné.")).toBeVisible();
  await openCall(page);
  expect((await page.request.get(`/appels/${SLUG}`)).status()).toBe(200);

  // ——— The applicant sees the questions and their validation.
  const applicantContext = await browser.newContext();
  const applicant = await applicantContext.newPage();
  await signIn(applicant, DEMO.applicant);
  await applicant.goto(`/appels/${SLUG}`);
  await applicant.getByRole("link", { name: "Déposer un dossier" }).click();
  await applicant.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(applicant).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  const draftUrl = applicant.url().split("?")[0]!;
  await applicant.goto(`${draftUrl}?etape=questions`);
  await expect(applicant.getByRole("heading", { level: 2, name: "Questions propres à l’appel", exact: true })).toBeVisible();
  await applicant.getByLabel("Nombre d’agents concernés").fill("0");
  await applicant.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(applicant.getByText("Nombre d’agents concernés : 1 au minimum.").first()).toBeVisible();
  await expect(applicant.getByLabel("Nombre d’agents concernés")).toHaveAttribute("aria-invalid", "true");
  await applicant.getByLabel("Nombre d’agents concernés").fill("");
  await expect(applicant.getByText("Nombre d’agents concernés : ce champ est obligatoire.").first()).toBeVisible();
  await expectNoAxeViolations(applicant);
  await applicant.getByLabel("Nombre d’agents concernés").fill("120");
  await applicant.getByLabel("Maturité du projet (facultatif)").selectOption("Prototype");
  await continueTo(applicant, "Vérification et dépôt");
  await expect(applicant.getByText("Prototype")).toBeVisible();

  // ——— Duplicate into a rolling window with a 100 000 € ceiling.
  await page.goto(`/espace/appels/${SLUG}`);
  const duplicate = page.getByRole("form", { name: "Dupliquer l’appel" });
  await duplicate.getByLabel("Titre du nouvel appel").fill("Guichet données locales — moins de 100 000 €");
  await duplicate.getByLabel("Adresse du nouvel appel").fill(ROLLING_SLUG);
  await duplicate.getByLabel("Guichet en continu").check({ force: true });
  await duplicate.getByRole("button", { name: "Dupliquer l’appel" }).click();
  await expect(page).toHaveURL(new RegExp(`/espace/appels/${ROLLING_SLUG}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Guichet données locales — moins de 100 000 €" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Questions du formulaire (2)" })).toBeVisible();

  // Two people edit at once: the second save is refused, nothing is lost.
  const other = await page.context().newPage();
  await other.goto(`/espace/appels/${ROLLING_SLUG}/modifier`);
  await page.goto(`/espace/appels/${ROLLING_SLUG}/modifier`);
  await page.getByLabel("Cofinancement maximal par projet").fill("100000");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page).toHaveURL(new RegExp(`/espace/appels/${ROLLING_SLUG}\\?enregistre=1$`));
  await other.getByLabel("Résumé").fill("Un résumé écrit en même temps par quelqu’un d’autre.");
  await other.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Conflit de modification" })).toBeVisible();
  await expect(other.getByText(/vos changements n’ont pas été enregistrés/)).toBeVisible();
  await expectNoAxeViolations(other);
  await other.close();
  await page.goto(`/espace/appels/${ROLLING_SLUG}/modifier`);
  await expect(page.getByLabel("Cofinancement maximal par projet")).toHaveValue("100000");
  await page.goto(`/espace/appels/${ROLLING_SLUG}`);
  await openCall(page);

  // ——— The ceiling is enforced when the applicant submits above it.
  await applicant.goto(`/appels/${ROLLING_SLUG}`);
  await expect(applicant.getByText(/Cofinancement demandé au plus égal à 100\s000\s€/)).toBeVisible();
  await applicant.getByRole("link", { name: "Déposer un dossier" }).click();
  await applicant.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(applicant).toHaveURL(/\/espace\/dossiers\/[0-9a-f-]{36}/);
  await applicant.getByLabel("Titre du projet").fill("Tableau de bord des délais locaux");
  await applicant.getByLabel("Résumé du projet").fill(LONG("Publier les délais de traitement des services."));
  await applicant.getByLabel("Durée du projet (en mois)").fill("12");
  await continueTo(applicant, "Administration et contacts");
  await applicant.getByLabel("SIRET de l’administration porteuse").fill("130 025 265 00013");
  await applicant.getByLabel("Service porteur").fill("Bureau de la donnée");
  await applicant.getByLabel("Nom du chef de projet").fill("Camille Candidate");
  await applicant.getByLabel("Adresse électronique du chef de projet").fill("camille.candidate@example.gouv.fr");
  await applicant.getByLabel("Téléphone du chef de projet").fill("01 23 45 67 89");
  await continueTo(applicant, "Catégorie");
  await applicant.getByLabel("Catégorie du projet").selectOption({ label: "Exploitation des données" });
  await continueTo(applicant, "Objectifs et bénéfices attendus");
  await applicant.getByLabel("Objectifs du projet").fill(LONG("Réduire les délais."));
  await applicant.getByLabel("Bénéfices attendus pour votre administration").fill(LONG("Piloter les effectifs."));
  await applicant.getByLabel("Bénéfices attendus pour les usagers et les autres administrations").fill(LONG("Des délais connus."));
  await continueTo(applicant, "Approche technique");
  await applicant.getByLabel("Approche technique").fill(LONG("Entrepôt PostgreSQL alimenté chaque nuit."));
  await applicant.getByLabel("Équipe projet").fill("Une cheffe de projet et deux développeurs.");
  await continueTo(applicant, "Pérennité");
  await applicant.getByLabel("Pérennité du projet").fill(LONG("Le service informatique reprend le tableau de bord."));
  await continueTo(applicant, "Budget et cofinancement");
  await applicant.getByRole("button", { name: "Ajouter une ligne de dépense" }).click();
  await applicant.getByLabel("Nature").selectOption({ label: "Personnel" });
  await applicant.getByLabel("Année").fill("2026");
  await applicant.getByLabel("Libellé").fill("Développement");
  await applicant.getByLabel("Montant (€)").fill("150000");
  await applicant.getByLabel("Cofinancement demandé (€)").fill("120000");
  await continueTo(applicant, "Questions propres à l’appel");
  await applicant.getByLabel("Nombre d’agents concernés").fill("40");
  await continueTo(applicant, "Vérification et dépôt");
  await applicant.getByRole("button", { name: "Déposer le dossier" }).click();
  const refusal = applicant.getByRole("alert").filter({ hasText: "Le dossier n’a pas été déposé" });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(/dépasse le plafond de l’appel \(100\s000\s€\)/);
  await expectNoAxeViolations(applicant);

  await applicant.getByRole("button", { name: "Modifier l’étape « Budget et cofinancement »" }).click();
  await applicant.getByLabel("Cofinancement demandé (€)").fill("90000");
  await continueTo(applicant, "Questions propres à l’appel");
  await continueTo(applicant, "Vérification et dépôt");
  await applicant.getByRole("button", { name: "Déposer le dossier" }).click();
  await expect(applicant).toHaveURL(/\/accuse-de-reception$/);
  await applicantContext.close();

  // The form of the rolling window is now frozen: only optional questions may be added.
  await page.goto(`/espace/appels/${ROLLING_SLUG}/questions`);
  await expect(page.getByText(/seules des questions facultatives peuvent être ajoutées/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Retirer la question/ })).toHaveCount(0);
});
