import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { transportFromEnv } from "@/lib/mail/transport";
import { drainOutbox } from "@/lib/mail/worker";
import { db } from "@/lib/server/db";
import { startSmtpCatcher } from "@/lib/testing/smtp-catcher";
import schema from "./data/scdl-subventions-2.0.1.schema.json" with { type: "json" };
import { publishResults } from "./publication.mutations";
import {
  loadPublicStatistics,
  loadPublishedCalls,
  loadPublishedLaureate,
  loadPublishedOpenData,
  loadPublishedResults,
  loadResultsPreview,
} from "./publication.queries";
import { isStaticPublicPage, publicPageExists } from "./public-pages";
import { toScdlCsv } from "./scdl";
import { withLuhnCheckDigit } from "./siret";
import { validateTable, type TableSchema } from "./table-schema";

// A call of its own (unique slug and names): other test files share the database.
const run = randomUUID().slice(0, 8);
const slug = `publication-test-${run}`;
const ids = { call: randomUUID(), ministry: randomUUID(), adminA: randomUUID(), adminB: randomUUID(), catX: randomUUID(), catY: randomUUID() };
let staff: Actor, applicant: Actor, otherStaff: Actor;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
const siret = (n: number) => withLuhnCheckDigit(`${withLuhnCheckDigit(`88${run.replace(/\D/g, "").padEnd(3, "0").slice(0, 3)}${n}00`)}0001`);

async function user(email: string, administrationId: string | null, grant?: { role: "STAFF"; callId: string | null }) {
  const id = randomUUID();
  await db.user.create({ data: { id, email, name: email, administrationId } });
  if (grant) await db.roleGrant.create({ data: { userId: id, ...grant } });
  return (await loadActor(id))!;
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  await db.ministry.create({ data: { id: ids.ministry, code: `T${run}`, name: `Ministère de test ${run}` } });
  await db.administration.createMany({
    data: [
      { id: ids.adminA, ministryId: ids.ministry, name: `Administration A ${run}`, kind: "CENTRAL", siret: siret(1) },
      { id: ids.adminB, ministryId: ids.ministry, name: `Administration B ${run}`, kind: "OPERATOR", siret: siret(2) },
    ],
  });
  await db.call.create({
    data: {
      id: ids.call,
      slug,
      title: `Appel de test ${run}`,
      summary: "Résumé",
      description: "Description",
      kind: "CALL",
      phase: "DELIBERATION",
      opensAt: new Date("2020-11-02T08:00:00Z"),
      closesAt: new Date("2020-12-31T22:59:00Z"),
      grantorName: "Direction de test",
      grantorSiret: siret(0),
      juryComposition: "Cinq experts.",
      nextSteps: "Conventions\nSuivi",
      budgetEnvelopeCents: 100_000_000n,
    },
  });
  await db.callCategory.createMany({
    data: [
      { id: ids.catX, callId: ids.call, key: "x", label: "Catégorie X", position: 0 },
      { id: ids.catY, callId: ids.call, key: "y", label: "Catégorie Y", position: 1 },
    ],
  });
  await db.criterion.create({ data: { callId: ids.call, key: "c", label: "Critère", weight: 100, position: 0 } });
  const dossier = (n: number, administrationId: string, categoryId: string, status: "LAUREATE" | "NOT_RETAINED" | "NOT_PRESELECTED", grantedCents: bigint | null) => ({
    callId: ids.call,
    administrationId,
    categoryId,
    reference: `TST-${run}-${n}`.toUpperCase(),
    title: `Projet ${n}`,
    summary: `Résumé du projet ${n}`,
    status,
    requestedCents: 20_000_000n,
    totalCostCents: 40_000_000n,
    grantedCents,
    decidedAt: status === "NOT_PRESELECTED" ? null : new Date("2021-02-26T17:00:00Z"),
    submittedAt: new Date("2020-12-31T12:00:00Z"),
  });
  await db.dossier.createMany({
    data: [
      dossier(1, ids.adminA, ids.catX, "LAUREATE", 12_345_600n),
      dossier(2, ids.adminB, ids.catY, "LAUREATE", 5_000_000n),
      dossier(3, ids.adminA, ids.catY, "NOT_RETAINED", null),
      dossier(4, ids.adminB, ids.catX, "NOT_PRESELECTED", null),
    ],
  });
  staff = await user(`staff-${run}@example.fr`, null, { role: "STAFF", callId: ids.call });
  const otherCall = randomUUID();
  await db.call.create({
    data: { id: otherCall, slug: `${slug}-autre`, title: "Autre", summary: "-", description: "-", kind: "ROLLING", phase: "OPEN", opensAt: new Date(), budgetEnvelopeCents: 0n },
  });
  otherStaff = await user(`other-staff-${run}@example.fr`, null, { role: "STAFF", callId: otherCall });
  applicant = await user(`applicant-${run}@example.fr`, ids.adminA);
});
afterAll(async () => {
  await smtp.close();
  // Leave the shared database's global counts as they were (the seed test counts ministries).
  await db.dossier.deleteMany({ where: { administrationId: { in: [ids.adminA, ids.adminB] } } });
  await db.user.deleteMany({ where: { email: { contains: run } } });
  await db.call.deleteMany({ where: { slug: { startsWith: slug } } });
  await db.administration.deleteMany({ where: { ministryId: ids.ministry } });
  await db.ministry.delete({ where: { id: ids.ministry } });
});

const outboxFor = () => db.mailOutbox.findMany({ where: { dedupeKey: { startsWith: "results-decision:" }, to: { contains: run } }, select: { to: true, subject: true, text: true } });
const auditFor = () => db.auditEvent.count({ where: { entityId: ids.call, action: "call.results_published" } });

describe("results embargo and publication", () => {
  it("shows nothing publicly before publication, while staff preview it all", async () => {
    expect(await loadPublishedResults(slug)).toBeNull();
    expect(await loadPublishedLaureate(slug, `tst-${run}-1`)).toBeNull();
    expect(await loadPublishedOpenData(slug)).toBeNull();
    expect((await loadPublishedCalls()).map((c) => c.slug)).not.toContain(slug);
    expect((await loadPublicStatistics()).byMinistry.map((r) => r.label)).not.toContain(`Ministère de test ${run}`);

    const preview = await loadResultsPreview(ids.call);
    expect(preview!.funnel).toEqual({ submitted: 4, administrations: 2, ministries: 1, preselected: 3, auditioned: 3, laureates: 2 });
    expect(preview!.categories.map((c) => [c.label, c.laureates.map((l) => l.title)])).toEqual([
      ["Catégorie X", ["Projet 1"]],
      ["Catégorie Y", ["Projet 2"]],
    ]);
    expect(preview!.call.nextSteps).toEqual(["Conventions", "Suivi"]);

    // The proxy's view (proxy.ts): the call page exists, its results and laureates not yet.
    expect(await publicPageExists(`/appels/${slug}`)).toBe(true);
    expect(await publicPageExists(`/appels/${slug}/resultats`)).toBe(false);
    expect(await publicPageExists(`/appels/${slug}/laureats/tst-${run}-1`)).toBe(false);
    expect(await publicPageExists(`/appels/${slug}-inconnu`)).toBe(false);
    expect(await publicPageExists(`/appels/Pas_Un_Slug`)).toBe(false);
    expect(await publicPageExists(`/statistiques`)).toBe(true);
    // Only the results and laureate pages are served whole from the cache, without a nonce.
    expect(isStaticPublicPage(`/appels/${slug}/resultats`)).toBe(true);
    expect(isStaticPublicPage(`/appels/${slug}/laureats/tst-${run}-1`)).toBe(true);
    expect(isStaticPublicPage(`/appels/${slug}`)).toBe(false);
    expect(isStaticPublicPage(`/appels/${slug}/resultats/autre`)).toBe(false);
    expect(isStaticPublicPage(`/espace/appels/${slug}/resultats`)).toBe(false);
    expect(isStaticPublicPage(`/statistiques`)).toBe(false);
  });

  it("refuses, with the reason, to publish an unlocked deliberation, and changes nothing", async () => {
    const result = await publishResults(staff, ids.call);
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/délibération n’est pas verrouillée/) });
    expect(await db.call.findUniqueOrThrow({ where: { id: ids.call }, select: { phase: true, resultsPublishedAt: true } })).toEqual({ phase: "DELIBERATION", resultsPublishedAt: null });
    expect(await outboxFor()).toEqual([]);
    expect(await auditFor()).toBe(0);
  });

  it("refuses applicants and staff of another call", async () => {
    await db.call.update({ where: { id: ids.call }, data: { deliberationLockedAt: new Date("2021-02-26T17:00:00Z") } });
    expect(await publishResults(applicant, ids.call)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await publishResults(otherStaff, ids.call)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await loadPublishedResults(slug)).toBeNull();
  });

  it("publishes once: phase, date, decision e-mails through SMTP, audit event, then the public reads", async () => {
    const result = await publishResults(staff, ids.call);
    expect(result).toMatchObject({ ok: true, data: { slug, laureates: 1 + 1, notRetained: 1, mails: 2 } });
    const call = await db.call.findUniqueOrThrow({ where: { id: ids.call }, select: { phase: true, resultsPublishedAt: true } });
    expect(call.phase).toBe("RESULTS_PUBLISHED");
    expect(call.resultsPublishedAt).not.toBeNull();
    expect(await auditFor()).toBe(1);

    // Administration A's member gets one e-mail per decided dossier of theirs.
    const transport = transportFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: "laureat@example.fr" })!;
    // Every e-mail due, whatever other files of the run left in the shared outbox.
    await drainOutbox(db, transport);
    const received = smtp.messages.filter((m) => m.to.includes(applicant.email)).map((m) => m.subject).sort();
    expect(received).toEqual([`Décision du jury sur votre projet — Appel de test ${run}`, `Votre projet est lauréat — Appel de test ${run}`]);
    const laureateMail = smtp.messages.find((m) => m.subject.startsWith("Votre projet est lauréat") && m.to.includes(applicant.email))!;
    expect(laureateMail.text).toContain("Cofinancement accordé : 123\u202f456\u00a0€");

    const results = await loadPublishedResults(slug);
    expect(results!.totalGrantedCents).toBe(17_345_600);
    const laureate = await loadPublishedLaureate(slug, `tst-${run}-1`);
    expect(laureate).toMatchObject({ title: "Projet 1", category: "Catégorie X", administration: `Administration A ${run}`, grantedCents: 12_345_600 });
    // Only laureates have public pages.
    expect(await loadPublishedLaureate(slug, `tst-${run}-3`)).toBeNull();
    expect(await publicPageExists(`/appels/${slug}/resultats`)).toBe(true);
    expect(await publicPageExists(`/appels/${slug}/laureats/tst-${run}-1`)).toBe(true);
    expect(await publicPageExists(`/appels/${slug}/laureats/tst-${run}-3`)).toBe(false);
    expect((await loadPublishedCalls()).find((c) => c.slug === slug)).toMatchObject({ laureates: 2, grantedCents: 17_345_600 });
    const stats = await loadPublicStatistics();
    expect(stats.byMinistry.find((r) => r.label === `Ministère de test ${run}`)).toEqual({ label: `Ministère de test ${run}`, dossiers: 4, laureates: 2, grantedCents: 17_345_600 });
  });

  it("serves open data that validates against the SCDL schema", async () => {
    const data = await loadPublishedOpenData(slug);
    expect(data!.table.omitted).toEqual([]);
    const rows = parse(toScdlCsv(data!.table.rows)) as string[][];
    expect(rows).toHaveLength(3);
    expect(validateTable(schema as TableSchema, rows)).toEqual([]);
    expect(data!.table.rows.map((r) => [r.referenceDecision, r.montant, r.dateConvention])).toEqual([
      [`TST-${run}-1`.toUpperCase(), "123456.00", "2021-02-26"],
      [`TST-${run}-2`.toUpperCase(), "50000.00", "2021-02-26"],
    ]);
  });

  it("refuses a second publication with the reason, and sends nothing more", async () => {
    const before = (await outboxFor()).length;
    expect(await publishResults(staff, ids.call)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/déjà publiés/) });
    expect((await outboxFor()).length).toBe(before);
    expect(await auditFor()).toBe(1);
  });
});
