import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_ROLLING_SLUG, DEMO_CALL_SLUG, seedDemo } from "@/lib/demo/seed";
import { transportFromEnv } from "@/lib/mail/transport";
import { processOutbox } from "@/lib/mail/worker";
import { db } from "@/lib/server/db";
import { startSmtpCatcher } from "@/lib/testing/smtp-catcher";
import { parisLocalToInstant } from "@/lib/time";
import { COMPLETE_STEPS } from "./dossier.fixtures";
import { createDraft, requestCorrection, saveStep, submitDossier, withdrawDossier } from "./dossier.mutations";
import { getAcknowledgement, getDossierForEdit, listMyDossiers } from "./dossier.queries";
import { STEP_KEYS, type StepKey } from "./dossier.schema";

let applicantA: Actor;
let applicantB: Actor;
let staff: Actor;
let jury: Actor;
let categoryKey: string;

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  await seedDemo(db);
  applicantA = await actorByEmail("candidat@demo.laureat.fr");
  applicantB = await actorByEmail("candidat2@demo.laureat.fr");
  staff = await actorByEmail("instruction@demo.laureat.fr");
  jury = await actorByEmail("jury@demo.laureat.fr");
  const category = await db.callCategory.findFirstOrThrow({ where: { call: { slug: DEMO_ROLLING_SLUG } }, orderBy: { position: "asc" }, select: { key: true } });
  categoryKey = category.key;
});

/** Everything a refused request must leave untouched. */
async function snapshot(dossierId?: string) {
  const [dossiers, events, audits, mails] = await Promise.all([db.dossier.count(), db.dossierEvent.count(), db.auditEvent.count(), db.mailOutbox.count()]);
  const row = dossierId
    ? await db.dossier.findUnique({ where: { id: dossierId }, select: { status: true, version: true, content: true, reference: true, submittedAt: true, requestedCents: true } })
    : null;
  return { dossiers, events, audits, mails, row };
}

function completeStep(step: StepKey): Record<string, unknown> {
  return step === "category" ? { categoryKey } : COMPLETE_STEPS[step];
}

async function newDraft(actor = applicantA): Promise<string> {
  const r = await createDraft(actor, DEMO_ROLLING_SLUG);
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

async function fillAll(id: string, actor = applicantA, overrides: Partial<Record<StepKey, Record<string, unknown>>> = {}) {
  for (const step of STEP_KEYS) {
    const current = await db.dossier.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const r = await saveStep(actor, { dossierId: id, step, version: current.version, values: overrides[step] ?? completeStep(step) });
    if (!r.ok) throw new Error(`${step}: ${r.message} ${JSON.stringify(r.fieldErrors)}`);
  }
}

const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

const version = async (id: string) => (await db.dossier.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

describe("creating a draft", () => {
  it("creates a draft for the applicant's own administration, with its first history entry", async () => {
    const id = await newDraft();
    const d = await db.dossier.findUniqueOrThrow({ where: { id }, select: { administrationId: true, status: true, createdById: true, events: { select: { status: true } } } });
    expect(d).toMatchObject({ administrationId: applicantA.administrationId, status: "DRAFT", createdById: applicantA.userId, events: [{ status: "DRAFT" }] });
  });

  it("refuses a call that is not open, and people who are not applicants; nothing changes", async () => {
    const before = await snapshot();
    expect(await createDraft(applicantA, DEMO_CALL_SLUG)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createDraft(staff, DEMO_ROLLING_SLUG)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createDraft(jury, DEMO_ROLLING_SLUG)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createDraft(applicantA, "no-such-call")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("saving a step", () => {
  it("re-validates on the server and keeps the draft exactly", async () => {
    const id = await newDraft();
    const r = await saveStep(applicantA, { dossierId: id, step: "contacts", version: 1, values: { siret: "130 025 265 00013", service: "Bureau", leadName: "", leadEmail: "", leadPhone: "" } });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    const d = await getDossierForEdit(applicantA, id);
    expect(d!.content.contacts).toEqual({ siret: "13002526500013", service: "Bureau", leadName: "", leadEmail: "", leadPhone: "" });
    expect(d!.version).toBe(2);
  });

  it("refuses a crafted payload with the same French errors and changes nothing", async () => {
    const id = await newDraft();
    const before = await snapshot(id);
    const r = await saveStep(applicantA, {
      dossierId: id,
      step: "contacts",
      version: 1,
      values: { siret: "13002526500014", leadEmail: "pas-un-courriel", leadPhone: "<script>", service: "x".repeat(201) },
    });
    expect(r).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: {
        siret: ["SIRET : ce numéro n’est pas valide (clé de contrôle incorrecte)."],
        leadEmail: ["Adresse électronique : format attendu prenom.nom@exemple.gouv.fr."],
        leadPhone: ["Téléphone : format attendu 01 23 45 67 89 ou +33 1 23 45 67 89."],
        service: ["Service porteur : 200 caractères au maximum."],
      },
    });
    const budget = await saveStep(applicantA, { dossierId: id, step: "budget", version: 1, values: { lines: [{ nature: "STAFF", year: 2026, label: "x", amountCents: -100 }], requestedCents: 1e15 } });
    expect(budget).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await saveStep(applicantA, { dossierId: id, step: "category", version: 1, values: { categoryKey: "pas-une-categorie" } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await saveStep(applicantA, { dossierId: id, step: "admin", version: 1, values: {} })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await saveStep(applicantA, "not even an object")).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot(id)).toEqual(before);
  });

  it("never overwrites a concurrent save: the second editor gets a conflict with the current values", async () => {
    const id = await newDraft();
    const first = await saveStep(applicantA, { dossierId: id, step: "project", version: 1, values: { title: "Version de Camille", summary: "", durationMonths: 6 } });
    expect(first.ok).toBe(true);
    const before = await snapshot(id);
    const second = await saveStep(applicantA, { dossierId: id, step: "project", version: 1, values: { title: "Version de Dominique", summary: "", durationMonths: 9 } });
    expect(second).toMatchObject({
      ok: false,
      code: "CONFLICT",
      current: { version: 2, step: "project", values: { title: "Version de Camille", summary: "", durationMonths: 6 } },
    });
    expect(await snapshot(id)).toEqual(before);
    // Choosing to keep one's own version is an explicit save on the current version.
    expect(await saveStep(applicantA, { dossierId: id, step: "project", version: 2, values: { title: "Version de Dominique", summary: "", durationMonths: 9 } })).toMatchObject({ ok: true, data: { version: 3 } });
  });
});

describe("tenant isolation", () => {
  it("an applicant of another administration can neither read nor write, and nothing changes", async () => {
    const id = await newDraft(applicantA);
    await fillAll(id);
    const before = await snapshot(id);
    expect(await getDossierForEdit(applicantB, id)).toBeNull();
    expect((await listMyDossiers(applicantB)).map((d) => d.id)).not.toContain(id);
    expect((await listMyDossiers(applicantA)).map((d) => d.id)).toContain(id);
    expect(await saveStep(applicantB, { dossierId: id, step: "project", version: await version(id), values: { title: "Piratage" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await submitDossier(applicantB, { dossierId: id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await withdrawDossier(applicantB, { dossierId: id, reason: "" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Staff and jurors do not write a dossier either.
    expect(await saveStep(staff, { dossierId: id, step: "project", version: await version(id), values: { title: "Instruction" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await submitDossier(jury, { dossierId: id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(id)).toEqual(before);
    const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(r.ok).toBe(true);
    expect(await getAcknowledgement(applicantB, id)).toBeNull();
    expect(await getAcknowledgement(applicantA, id)).toMatchObject({ reference: r.ok && r.data.reference });
  });
});

describe("submitting", () => {
  it("refuses an incomplete dossier with the errors of each step, and changes nothing", async () => {
    const id = await newDraft();
    await saveStep(applicantA, { dossierId: id, step: "project", version: 1, values: { title: "Court", summary: "", durationMonths: null } });
    const before = await snapshot(id);
    const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(r).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(!r.ok && r.fieldErrors?.["project.summary"]).toEqual(["Résumé : ce champ est obligatoire."]);
    expect(!r.ok && r.fieldErrors?.["contacts.siret"]).toBeDefined();
    expect(await snapshot(id)).toEqual(before);
  });

  it("enforces the call's budget rules on the server, with figures", async () => {
    const id = await newDraft();
    await fillAll(id, applicantA, {
      budget: { lines: [{ nature: "HARDWARE", year: 2026, label: "Serveurs", amountCents: 300_000_00 }], requestedCents: 100_000_01, otherFunding: "" },
    });
    const before = await snapshot(id);
    const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(!r.ok && r.fieldErrors?.["budget.requestedCents"]?.map((m) => m.replace(/[\u202f\u00a0]/g, " "))).toEqual([
      "Le cofinancement demandé (100 000,01 €) dépasse le plafond de l’appel (100 000 €).",
    ]);
    expect(await snapshot(id)).toEqual(before);
  });

  it("submits once: receipt number, frozen, history, audit and acknowledgement e-mail in the same transaction; a retry returns the same receipt", async () => {
    const id = await newDraft();
    await fillAll(id);
    const key = randomUUID();
    const before = await snapshot(id);
    const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: key });
    expect(r).toMatchObject({ ok: true, data: { replayed: false } });
    const reference = r.ok ? r.data.reference : "";
    expect(reference).toMatch(/^LAU-\d{4}-\d{5}$/);
    const after = await snapshot(id);
    expect(after).toMatchObject({ dossiers: before.dossiers, events: before.events + 1, audits: before.audits + 1, mails: before.mails + 1 });
    expect(after.row).toMatchObject({ status: "SUBMITTED", reference, requestedCents: 75_000_00n });
    const mail = await db.mailOutbox.findUniqueOrThrow({ where: { dedupeKey: `dossier-ack:${key}` } });
    expect(mail).toMatchObject({ to: "candidat@demo.laureat.fr", subject: `Accusé de réception — dossier ${reference}` });

    // The same request again (a retried POST): same receipt, nothing new.
    expect(await submitDossier(applicantA, { dossierId: id, idempotencyKey: key })).toMatchObject({ ok: true, data: { reference, replayed: true } });
    expect(await snapshot(id)).toEqual(after);
    // A second submission: refused.
    expect(await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, code: "CONFLICT" });
    // Frozen.
    expect(await saveStep(applicantA, { dossierId: id, step: "project", version: await version(id), values: { title: "Après coup" } })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(id)).toEqual(after);
  });

  it("creates one submission when the same request arrives twice at once", async () => {
    const id = await newDraft();
    await fillAll(id);
    const key = randomUUID();
    const results = await Promise.all([submitDossier(applicantA, { dossierId: id, idempotencyKey: key }), submitDossier(applicantA, { dossierId: id, idempotencyKey: key })]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.data.reference)).size).toBe(1);
    expect(await db.dossierEvent.count({ where: { dossierId: id, status: "SUBMITTED" } })).toBe(1);
    expect(await db.mailOutbox.count({ where: { dedupeKey: `dossier-ack:${key}` } })).toBe(1);
  });

  it("accepts during the deadline's minute and refuses a request received after it, with a clear message", async () => {
    const rolling = await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true } });
    const closesAt = parisLocalToInstant("2030-03-31T12:00");
    const callId = randomUUID();
    await db.call.create({
      data: {
        id: callId, slug: `appel-test-${callId.slice(0, 8)}`, title: "Appel de test", summary: "s", description: "d", kind: "CALL", phase: "OPEN",
        opensAt: parisLocalToInstant("2026-01-01T00:00"), closesAt, budgetEnvelopeCents: 1_000_000_00n, maxRateBps: 5000,
        categories: { create: [{ key: categoryKey, label: "Catégorie", position: 0 }] },
      },
    });
    expect(rolling.id).not.toBe(callId);
    const make = async () => {
      const c = await createDraft(applicantA, `appel-test-${callId.slice(0, 8)}`, parisLocalToInstant("2030-03-31T11:00"));
      if (!c.ok) throw new Error(c.message);
      await fillAll(c.data.id);
      return c.data.id;
    };
    const onTime = await make();
    const inTime = await submitDossier(applicantA, { dossierId: onTime, idempotencyKey: randomUUID() }, new Date(closesAt.getTime() + 59_000));
    expect(inTime.ok).toBe(true);

    const late = await make();
    const before = await snapshot(late);
    const r = await submitDossier(applicantA, { dossierId: late, idempotencyKey: randomUUID() }, new Date(closesAt.getTime() + 60_000));
    expect(r).toMatchObject({ ok: false, code: "DEADLINE_PASSED" });
    expect(!r.ok && r.message).toContain("31 mars 2030 à 12:00");
    expect(await snapshot(late)).toEqual(before);
    // The same call refuses a rate above 50 % (requested 75 000 € of 150 000 € is exactly 50 %: accepted above).
    expect(await createDraft(applicantA, `appel-test-${callId.slice(0, 8)}`, new Date(closesAt.getTime() + 60_000))).toMatchObject({ ok: false, code: "DEADLINE_PASSED" });
  });
});

describe("withdrawal and correction", () => {
  it("withdraws before the deadline; staff reopen for correction and the same receipt is kept", async () => {
    const id = await newDraft();
    await fillAll(id);
    const first = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(first.ok).toBe(true);

    // Only staff may reopen.
    const before = await snapshot(id);
    expect(await requestCorrection(applicantA, { dossierId: id, message: "Je veux corriger mon dossier.", dueDate: inTenDays() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await requestCorrection(jury, { dossierId: id, message: "Je veux corriger ce dossier.", dueDate: inTenDays() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(id)).toEqual(before);

    expect(await requestCorrection(staff, { dossierId: id, message: "Précisez le budget de l’année 2027.", dueDate: inTenDays() })).toMatchObject({ ok: true });
    await fillAll(id, applicantA, { budget: { ...COMPLETE_STEPS.budget, requestedCents: 70_000_00 } });
    const again = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(again).toMatchObject({ ok: true, data: { reference: first.ok && first.data.reference } });

    expect(await withdrawDossier(applicantA, { dossierId: id, reason: "Projet reporté" })).toMatchObject({ ok: true });
    const mine = (await listMyDossiers(applicantA)).find((d) => d.id === id)!;
    expect(mine.status).toBe("WITHDRAWN");
    expect(mine.history.map((h) => h.status)).toEqual(["DRAFT", "SUBMITTED", "CORRECTION_REQUESTED", "SUBMITTED", "WITHDRAWN"]);
    expect(mine.history[2]!.message).toBe("Précisez le budget de l’année 2027.");
  });

  it("lists the history of imported dossiers from their columns", async () => {
    const mine = await listMyDossiers(applicantA);
    const imported = mine.find((d) => d.reference?.startsWith("LAU-2020-"));
    expect(imported).toBeDefined();
    expect(imported!.history[0]).toMatchObject({ status: "SUBMITTED" });
  });
});

describe("acknowledgement e-mail", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(async () => smtp.close());

  it("is sent once by the outbox worker, with the receipt number", async () => {
    const id = await newDraft();
    await fillAll(id);
    const r = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    const reference = r.ok ? r.data.reference : "?";
    const transport = transportFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: "laureat@example.fr" })!;
    for (let i = 0; i < 10 && !smtp.messages.some((m) => m.subject?.includes(reference)); i++) await processOutbox(db, transport);
    await processOutbox(db, transport);
    const received = smtp.messages.filter((m) => m.subject === `Accusé de réception — dossier ${reference}`);
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain(`Numéro de dépôt : ${reference}`);
    expect(received[0]!.to).toEqual(["candidat@demo.laureat.fr"]);
  });
});
