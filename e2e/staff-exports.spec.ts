/**
 * Staff export the filtered inbox list (CSV and XLSX, parsed back here) and
 * plan an audition day. The demo state has no preselected dossier (the 2021
 * round is over), so the planning runs on a call created for this test in
 * the app's database, removed afterwards.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import pg from "pg";
import { DEMO, signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { countMail, waitForMail } from "./mailbox";

const INBOX = "/instruction/appels/donnee-administration-2021";
const HEADERS = ["N° de dossier", "Projet", "Administration", "Ministère", "Catégorie", "Statut", "Montant demandé (€)", "Déposé le"];

// Sign-in (argon2) and axe are slow on the shared 2-core machine under load: more time, same checks.
test.setTimeout(180_000);

/** signIn, waiting longer than its 5 s for the first, cold sign-in of a freshly started server. */
async function signInPatiently(page: Page, email: string) {
  try {
    await signIn(page, email);
  } catch {
    await expect(page).not.toHaveURL(/\/connexion/, { timeout: 30_000 });
  }
}

async function download(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test("staff download the filtered list of the 2021 call as CSV and XLSX", async ({ page }) => {
  await signInPatiently(page, DEMO.staff);
  await page.goto(`${INBOX}?statut=LAUREATE&categorie=api&tri=requested&ordre=desc`);
  await expect(page.getByRole("status")).toHaveText("4 dossiers correspondent aux filtres.");
  // Each row's title is the link to the staff view of the dossier.
  const titles = await page.locator(`tbody tr a[href*="/dossiers/"]`).allInnerTexts();
  expect(titles).toHaveLength(4);

  const csv = await download(page, "Exporter la liste (CSV)");
  expect(csv.name).toMatch(/^dossiers-donnee-administration-2021-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parse(csv.bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][];
  expect(header).toEqual(HEADERS);
  expect(rows.map((r) => r[1])).toEqual(titles);
  expect(rows.every((r) => r[5] === "Lauréat" && /^\d+,\d\d$/.test(r[6]!))).toBe(true);

  const xlsx = await download(page, "Exporter la liste (XLSX)");
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Dossiers")!;
  const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
  expect(values[0]).toEqual(HEADERS);
  expect(values.slice(1).map((r) => r[1])).toEqual(titles);
  const amounts = values.slice(1).map((r) => r[6] as number);
  expect(amounts.every((a) => typeof a === "number")).toBe(true);
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  expect(rows.map((r) => Number(r[6]!.replace(",", ".")))).toEqual(amounts);

  // Streamed, never with a Content-Length: a transfer cut short (the app
  // killed mid-export) shows as a failed download, never as a shorter file
  // (fault drill: lib/review/export-kill.int.test.ts).
  for (const format of ["csv", "xlsx"]) {
    const response = await page.request.get(`${INBOX}/dossiers.${format}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-length"]).toBeUndefined();
    expect(response.headers()["transfer-encoding"]).toBe("chunked");
  }

  // The same list prepared in the background: progress, then a link that works for its requester.
  await page.goto(`${INBOX}?statut=LAUREATE&categorie=api&tri=requested&ordre=desc`);
  await page.getByRole("button", { name: "Préparer en arrière-plan (CSV)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Exports en arrière-plan — / })).toBeVisible();
  const jobRow = page.getByRole("table", { name: "Mes exports de cet appel" }).getByRole("row").nth(1);
  await expect(jobRow).toContainText("4 dossiers", { timeout: 30_000 });
  const ready = jobRow.getByRole("link", { name: /^Télécharger dossiers-donnee-administration-2021-.*\.csv$/ });
  await expect(ready).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  const background = await download(page, (await ready.innerText()).trim());
  const [bgHeader, ...bgRows] = parse(background.bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][];
  expect(bgHeader).toEqual(HEADERS);
  expect(bgRows.map((r) => r[1])).toEqual(titles);
  const jobHref = (await ready.getAttribute("href"))!;

  // Not staff: no export, and not someone else's background file.
  await page.context().clearCookies();
  await signInPatiently(page, DEMO.applicant);
  expect((await page.request.get(`${INBOX}/dossiers.csv`)).status()).toBe(404);
  expect((await page.request.get(jobHref)).status()).toBe(404);
});

/** The database the app under test uses (scripts/e2e.ts). */
function appDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.LAUREAT_EMBEDDED_DB_PORT) return `postgres://postgres@127.0.0.1:${process.env.LAUREAT_EMBEDDED_DB_PORT}/postgres?sslmode=disable`;
  throw new Error("base de l’application inconnue : lancez ces tests par scripts/e2e.ts");
}

test("staff plan an audition day, see a conflict, and convoke the preselected administrations", async ({ page }) => {
  const slug = `auditions-e2e-${Date.now().toString(36)}`;
  const callId = randomUUID();
  const dossierIds = [randomUUID(), randomUUID(), randomUUID()];
  const client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
  try {
    await client.query(
      `insert into call (id, slug, title, summary, description, kind, phase, opens_at, closes_at, budget_envelope_cents)
       values ($1, $2, $3, 'Auditions de test', 'Auditions de test', 'CALL', 'AUDITIONS', now() - interval '60 days', now() - interval '30 days', 100000000)`,
      [callId, slug, `Appel de test ${slug}`],
    );
    const { rows } = await client.query<{ id: string; administration_id: string }>(`select id, administration_id from app_user where email = $1`, [DEMO.applicant]);
    for (const [i, id] of dossierIds.entries()) {
      await client.query(
        `insert into dossier (id, call_id, administration_id, created_by_id, reference, title, summary, status, submitted_at)
         values ($1, $2, $3, $4, $5, $6, 'Résumé', 'PRESELECTED', now() - interval '40 days')`,
        [id, callId, rows[0]!.administration_id, rows[0]!.id, `${slug.toUpperCase()}-${i + 1}`, `Projet présélectionné ${i + 1}`],
      );
    }

    await signInPatiently(page, DEMO.staff);
    await page.goto(`/instruction/appels/${slug}`);
    await page.getByRole("link", { name: "Planifier les auditions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Auditions — Appel de test ${slug}`);

    // The day: 09:00–12:00, 30-minute auditions, a break 10:30–11:00.
    await page.getByLabel("Date").fill("2026-06-16");
    await page.getByLabel("Début").fill("09:00");
    await page.getByLabel("Fin").fill("12:00");
    await page.getByLabel("Durée d’une audition (minutes)").fill("30");
    await page.getByLabel("Intervalle entre deux auditions (minutes)").fill("0");
    await page.getByLabel("Pauses").fill("10:30-11:00");
    await page.getByRole("textbox", { name: /^Lieu/ }).fill("DINUM, 20 avenue de Ségur, Paris");
    await page.getByRole("button", { name: "Enregistrer la journée" }).click();
    await expect(page.getByText("Journée enregistrée : 5 créneaux.")).toBeVisible();
    await expect(page.getByRole("rowheader")).toHaveText(["09:00–09:30", "09:30–10:00", "10:00–10:30", "11:00–11:30", "11:30–12:00"]);
    await expectNoAxeViolations(page);

    // The same dossier twice: refused with the reason, nothing saved.
    const slotAt = (time: string) => page.getByLabel(new RegExp(`Dossier auditionné le .* à ${time}`));
    await slotAt("09:00").selectOption(dossierIds[0]!);
    await slotAt("09:30").selectOption(dossierIds[0]!);
    await page.getByRole("button", { name: "Enregistrer le planning" }).click();
    await expect(page.getByText(/Le dossier AUDITIONS-E2E-.*-1 est placé sur deux créneaux/)).toBeVisible();

    // The form is reset after an answer (React form actions): pick again, the 09:30 slot from the keyboard.
    await slotAt("09:00").selectOption(dossierIds[0]!);
    await slotAt("09:30").selectOption("");
    await slotAt("09:30").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(slotAt("09:30")).toHaveValue(dossierIds[1]!);
    await slotAt("11:00").selectOption(dossierIds[2]!);
    await page.getByRole("button", { name: "Enregistrer le planning" }).click();
    await expect(page.getByText("Planning enregistré : 3 dossiers placés.")).toBeVisible();
    await expect(slotAt("11:00")).toHaveValue(dossierIds[2]!);

    const subject = new RegExp(`Convocation à l’audition — Appel de test ${slug}`);
    const seen = await countMail(DEMO.applicant, subject);
    await page.getByRole("button", { name: "Envoyer les convocations" }).click();
    await expect(page.getByText("3 convocations envoyées.")).toBeVisible();
    const mail = await waitForMail(DEMO.applicant, subject, { alreadySeen: seen });
    expect(mail.text).toMatch(/Heure : de (09:00 à 09:30|09:30 à 10:00|11:00 à 11:30) \(heure de Paris\)/);
    expect(mail.text).toContain("16 juin 2026");
    expect(mail.text).toContain("Lieu : DINUM, 20 avenue de Ségur, Paris");
  } finally {
    await client.query(`delete from audition_plan where call_id = $1`, [callId]);
    await client.query(`delete from dossier where call_id = $1`, [callId]);
    await client.query(`delete from call where id = $1`, [callId]);
    await client.end();
  }
});
