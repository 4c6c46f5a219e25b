import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { answerCorrection, requestCorrection, submitDossier } from "@/lib/dossiers/dossier.mutations";
import { getAcknowledgement, getDossierForEdit, listMyDossiers } from "@/lib/dossiers/dossier.queries";
import { db } from "@/lib/server/db";
import { submitCompleteDossier } from "@/lib/testing/dossiers";
import { fuzzMutation, rowCounts } from "@/lib/testing/fuzz";
import { addAnnotation, bulkAction, createTag, decidePreselection, releaseDecisions, setAssignees, setTags, tickEligibility } from "./review.mutations";
import { getStaffDossier } from "./review.queries";

let applicantA: Actor;
let applicantB: Actor;
let staff: Actor;
let staff2: Actor;
let jury: Actor;
let rollingId: string;
let round1Id: string;
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
  const rolling = await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true, categories: { select: { key: true }, take: 1 } } });
  rollingId = rolling.id;
  categoryKey = rolling.categories[0]!.key;
  round1Id = (await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } })).id;
  // A second staff member, on the rolling window only.
  const email = `instructeur-${randomUUID()}@example.fr`;
  const user = await db.user.create({ data: { email, name: "Second Instructeur", roles: { create: { role: "STAFF", callId: rollingId } } }, select: { id: true } });
  staff2 = (await loadActor(user.id))!;
});

const submittedDossier = (actor = applicantA): Promise<string> => submitCompleteDossier(actor, DEMO_ROLLING_SLUG, categoryKey);

/** Everything a refused request must leave untouched. */
async function snapshot() {
  const counts = await Promise.all([
    db.dossier.count(),
    db.dossierEvent.count(),
    db.auditEvent.count(),
    db.mailOutbox.count(),
    db.reviewAnnotation.count(),
    db.reviewAssignment.count(),
    db.reviewDossierTag.count(),
    db.reviewTag.count(),
    db.eligibilityTick.count(),
    db.correctionRequest.count(),
    db.preselectionDecision.findMany({ orderBy: { dossierId: "asc" } }),
    db.dossier.findMany({ where: { callId: rollingId }, orderBy: { id: "asc" }, select: { id: true, status: true, version: true } }),
  ]);
  return JSON.stringify(counts, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Everything an applicant-facing query returns for a dossier, as text. */
async function applicantSees(id: string, actor = applicantA): Promise<string> {
  const [edit, mine, ack] = await Promise.all([getDossierForEdit(actor, id), listMyDossiers(actor), getAcknowledgement(actor, id)]);
  return JSON.stringify([edit, mine.find((d) => d.id === id), ack], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

describe("private annotations", () => {
  it("are written by the call's staff and never reach an applicant", async () => {
    const id = await submittedDossier();
    const secret = `Note interne ${randomUUID()} : budget à vérifier avec la DINUM.`;
    expect(await addAnnotation(staff, { dossierId: id, body: secret })).toMatchObject({ ok: true });
    const view = await getStaffDossier(staff, DEMO_ROLLING_SLUG, id);
    expect(view!.annotations.map((a) => a.body)).toEqual([secret]);
    expect(await applicantSees(id)).not.toContain(secret);
    expect(await getStaffDossier(applicantA, DEMO_ROLLING_SLUG, id)).toBeNull();
    expect(await getStaffDossier(jury, DEMO_ROLLING_SLUG, id)).toBeNull();
    // The same dossier through another call's address: nothing.
    expect(await getStaffDossier(staff, DEMO_CALL_SLUG, id)).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { action: "review.annotation.added", entityId: id }, select: { actorId: true } });
    expect(audit?.actorId).toBe(staff.userId);
  });

  it("refuse applicants, jurors, other calls' staff and bad input; nothing is written", async () => {
    const id = await submittedDossier();
    const round1Dossier = await db.dossier.findFirstOrThrow({ where: { callId: round1Id }, select: { id: true } });
    const before = await snapshot();
    expect(await addAnnotation(applicantA, { dossierId: id, body: "Je m’annote moi-même." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addAnnotation(jury, { dossierId: id, body: "Avis du jury." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addAnnotation(staff2, { dossierId: round1Dossier.id, body: "Pas mon appel." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addAnnotation(staff, { dossierId: id, body: " " })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { body: [expect.stringMatching(/obligatoire/)] } });
    expect(await addAnnotation(staff, { dossierId: "pas-un-uuid", body: "Texte" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot()).toBe(before);
  });
});

describe("correction request round trip", () => {
  it("reopens the dossier with a due date, e-mails the applicant, who answers and resubmits; all in the history", async () => {
    const id = await submittedDossier();
    const before = await snapshot();
    expect(await requestCorrection(staff, { dossierId: id, message: "Court", dueDate: inTenDays() })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await requestCorrection(staff, { dossierId: id, message: "Ajoutez le devis de l’hébergeur.", dueDate: "2020-01-01" })).toMatchObject({
      ok: false,
      fieldErrors: { dueDate: [expect.stringMatching(/postérieure/)] },
    });
    expect(await requestCorrection(staff, { dossierId: id, message: "Ajoutez le devis de l’hébergeur.", dueDate: "2026-02-30" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await requestCorrection(jury, { dossierId: id, message: "Ajoutez le devis de l’hébergeur.", dueDate: inTenDays() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toBe(before);

    const asked = await requestCorrection(staff, { dossierId: id, message: "Ajoutez le devis de l’hébergeur.", dueDate: inTenDays() });
    expect(asked).toMatchObject({ ok: true, data: { status: "CORRECTION_REQUESTED" } });
    const mail = await db.mailOutbox.findFirst({ where: { dedupeKey: { startsWith: "dossier-correction:" }, to: "candidat@demo.laureat.fr", text: { contains: "devis de l’hébergeur" } } });
    expect(mail?.text).toContain("À faire avant le");

    const edit = await getDossierForEdit(applicantA, id);
    expect(edit).toMatchObject({ status: "CORRECTION_REQUESTED", correction: { message: "Ajoutez le devis de l’hébergeur.", answer: null } });
    expect(await getDossierForEdit(applicantB, id)).toBeNull();

    const beforeAnswer = await snapshot();
    expect(await answerCorrection(applicantB, { dossierId: id, answer: "Ce n’est pas mon dossier." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await answerCorrection(staff, { dossierId: id, answer: "Réponse de l’équipe" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await answerCorrection(applicantA, { dossierId: id, answer: "" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot()).toBe(beforeAnswer);

    expect(await answerCorrection(applicantA, { dossierId: id, answer: "Le devis est joint au budget, ligne Hébergement." })).toMatchObject({ ok: true });
    expect((await getDossierForEdit(applicantA, id))!.correction!.answer).toBe("Le devis est joint au budget, ligne Hébergement.");
    const resubmitted = await submitDossier(applicantA, { dossierId: id, idempotencyKey: randomUUID() });
    expect(resubmitted).toMatchObject({ ok: true });

    const view = (await getStaffDossier(staff, DEMO_ROLLING_SLUG, id))!;
    expect(view.status).toBe("SUBMITTED");
    expect(view.corrections).toEqual([expect.objectContaining({ answer: "Le devis est joint au budget, ligne Hébergement.", resubmittedAt: expect.any(Date) })]);
    expect(view.history.map((h) => h.status)).toEqual(["DRAFT", "SUBMITTED", "CORRECTION_REQUESTED", "CORRECTION_REQUESTED", "SUBMITTED"]);
    expect(view.history[3]!.message).toMatch(/^Réponse de l’administration/);
    // Answering is only possible while a correction is requested.
    expect(await answerCorrection(applicantA, { dossierId: id, answer: "Encore un mot." })).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("preselection decisions", () => {
  it("are refused to applicants, jurors, on another call's dossier, and during deliberation; nothing is written", async () => {
    const id = await submittedDossier();
    const round1Dossier = await db.dossier.findFirstOrThrow({ where: { callId: round1Id }, select: { id: true } });
    const before = await snapshot();
    const input = { callId: rollingId, dossierId: id, decision: "PRESELECTED", reason: "Projet solide et réutilisable.", expectedVersion: "0" };
    expect(await decidePreselection(applicantA, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await decidePreselection(jury, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await decidePreselection(staff, { ...input, callId: round1Id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await decidePreselection(staff2, { ...input, callId: round1Id, dossierId: round1Dossier.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await decidePreselection(staff, { ...input, callId: round1Id, dossierId: round1Dossier.id })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/phase/) });
    expect(await decidePreselection(staff, { ...input, decision: "LAUREATE" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await decidePreselection(staff, { ...input, reason: "" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await releaseDecisions(jury, { callId: rollingId, confirm: "on" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await releaseDecisions(applicantA, { callId: rollingId, confirm: "on" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await releaseDecisions(staff, { callId: rollingId })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot()).toBe(before);
  });

  it("two staff deciding at once: the second gets a conflict, nothing is overwritten", async () => {
    const id = await submittedDossier();
    const base = { callId: rollingId, dossierId: id, expectedVersion: "0" };
    const [a, b] = await Promise.all([
      decidePreselection(staff, { ...base, decision: "PRESELECTED", reason: "Projet solide et réutilisable." }),
      decidePreselection(staff2, { ...base, decision: "NOT_PRESELECTED", reason: "Budget insuffisamment détaillé." }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    const losers = [a, b].filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ code: "CONFLICT", current: expect.objectContaining({ version: 1 }) })]);
    const stored = await db.preselectionDecision.findUniqueOrThrow({ where: { dossierId: id } });
    expect(stored.version).toBe(1);
    expect(stored.decision).toBe(winners[0]!.ok && winners[0]!.data.decision);
    expect(await db.auditEvent.count({ where: { action: "review.preselection.decided", entityId: id } })).toBe(1);
  });

  it("stay under embargo for every applicant-facing query until staff release them; the release e-mails and writes the history", async () => {
    const id = await submittedDossier();
    const seen = await applicantSees(id);
    const decided = await decidePreselection(staff, { callId: rollingId, dossierId: id, decision: "PRESELECTED", reason: "Données ouvertes réutilisables par d’autres préfectures.", expectedVersion: "0" });
    expect(decided).toMatchObject({ ok: true, data: { version: 1 } });
    // Embargo: the applicant reads exactly what they read before the decision.
    expect(await applicantSees(id)).toBe(seen);
    expect(await applicantSees(id)).not.toMatch(/PRESELECTED|présélectionn|Données ouvertes réutilisables/);
    expect(await db.mailOutbox.count({ where: { dedupeKey: { startsWith: `preselection:${id}:` } } })).toBe(0);
    // Staff see it as pending.
    expect((await getStaffDossier(staff, DEMO_ROLLING_SLUG, id))!.decision).toMatchObject({ decision: "PRESELECTED", releasedAt: null });

    const released = await releaseDecisions(staff, { callId: rollingId, confirm: "on" });
    expect(released).toMatchObject({ ok: true });
    const mine = (await listMyDossiers(applicantA)).find((d) => d.id === id)!;
    expect(mine.status).toBe("PRESELECTED");
    expect(mine.history.at(-1)).toMatchObject({ status: "PRESELECTED", message: expect.stringContaining("Données ouvertes réutilisables") });
    expect(await db.mailOutbox.count({ where: { dedupeKey: { startsWith: `preselection:${id}:` }, to: "candidat@demo.laureat.fr" } })).toBe(1);
    const audit = await db.auditEvent.findFirst({ where: { action: "review.preselection.released", entityId: id }, select: { actorId: true, at: true, data: true } });
    expect(audit).toMatchObject({ actorId: staff.userId, data: { before: { status: "SUBMITTED" }, after: { status: "PRESELECTED" } } });
    expect((await db.call.findUniqueOrThrow({ where: { id: rollingId } })).decisionsReleasedAt).not.toBeNull();

    // A reconsidered decision is under embargo again: the released status stays.
    const changed = await decidePreselection(staff, { callId: rollingId, dossierId: id, decision: "NOT_PRESELECTED", reason: "Réexamen : doublon avec un projet national.", expectedVersion: "1" });
    expect(changed).toMatchObject({ ok: true, data: { version: 2 } });
    expect((await listMyDossiers(applicantA)).find((d) => d.id === id)!.status).toBe("PRESELECTED");
    // Nothing left to release twice.
    await releaseDecisions(staff, { callId: rollingId, confirm: "on" });
    expect(await releaseDecisions(staff, { callId: rollingId, confirm: "on" })).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("bulk actions", () => {
  it("preview how many dossiers change, apply on confirmation, refuse a stale confirmation or a foreign dossier", async () => {
    const ids = [await submittedDossier(), await submittedDossier(), await submittedDossier()];
    await decidePreselection(staff, { callId: rollingId, dossierId: ids[0], decision: "PRESELECTED", reason: "Déjà décidé à l’unité.", expectedVersion: "0" });
    const base = { callId: rollingId, dossierIds: ids, action: "decide", decision: "PRESELECTED", reason: "Présélection groupée du comité." };
    const preview = await bulkAction(staff, { ...base, intent: "preview" });
    expect(preview).toMatchObject({ ok: true, data: { intent: "preview", selected: 3, changes: 2 } });
    const token = preview.ok && preview.data.intent === "preview" ? preview.data.token : "";

    // Someone decides one of them in between: the confirmation is stale, nothing is written.
    await decidePreselection(staff2, { callId: rollingId, dossierId: ids[1], decision: "NOT_PRESELECTED", reason: "Décidé entre-temps.", expectedVersion: "0" });
    const before = await snapshot();
    expect(await bulkAction(staff, { ...base, intent: "confirm", token })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/2 dossiers changeraient/) });
    const round1Dossier = await db.dossier.findFirstOrThrow({ where: { callId: round1Id }, select: { id: true } });
    expect(await bulkAction(staff, { ...base, dossierIds: [...ids, round1Dossier.id], intent: "preview" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await bulkAction(jury, { ...base, intent: "preview" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await bulkAction(applicantA, { ...base, intent: "preview" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await bulkAction(staff, { ...base, intent: "confirm" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await bulkAction(staff, { ...base, reason: "", intent: "preview" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await snapshot()).toBe(before);

    const again = await bulkAction(staff, { ...base, intent: "preview" });
    const fresh = again.ok && again.data.intent === "preview" ? again.data.token : "";
    expect(await bulkAction(staff, { ...base, intent: "confirm", token: fresh })).toMatchObject({ ok: true, data: { intent: "confirm", changed: 2 } });
    const stored = await db.preselectionDecision.findMany({ where: { dossierId: { in: ids } }, select: { decision: true, releasedAt: true } });
    expect(stored).toHaveLength(3);
    expect(stored.every((s) => s.decision === "PRESELECTED" && s.releasedAt === null)).toBe(true);
  });

  it("assigns and labels a selection", async () => {
    const ids = [await submittedDossier(), await submittedDossier()];
    const tag = await createTag(staff, { callId: rollingId, label: `À revoir ${randomUUID().slice(0, 8)}`, colour: "green-emeraude" });
    expect(tag.ok).toBe(true);
    const tagId = tag.ok ? tag.data.id : "";
    for (const [action, extra] of [
      ["assign", { assigneeId: staff2.userId }],
      ["tag", { tagId }],
    ] as const) {
      const preview = await bulkAction(staff, { callId: rollingId, dossierIds: ids, action, ...extra, intent: "preview" });
      expect(preview).toMatchObject({ ok: true, data: { changes: 2 } });
      const token = preview.ok && preview.data.intent === "preview" ? preview.data.token : "";
      expect(await bulkAction(staff, { callId: rollingId, dossierIds: ids, action, ...extra, intent: "confirm", token })).toMatchObject({ ok: true, data: { changed: 2 } });
    }
    expect(await db.reviewAssignment.count({ where: { dossierId: { in: ids }, userId: staff2.userId } })).toBe(2);
    expect(await db.reviewDossierTag.count({ where: { dossierId: { in: ids }, tagId } })).toBe(2);
    // An applicant is not assignable.
    expect(await bulkAction(staff, { callId: rollingId, dossierIds: ids, action: "assign", assigneeId: applicantA.userId, intent: "preview" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });
});

describe("assignees, labels and eligibility on one dossier", () => {
  it("set the call's staff as reviewers, only the call's labels, and tick only what the portal cannot compute", async () => {
    const id = await submittedDossier();
    const before = await snapshot();
    expect(await setAssignees(staff, { dossierId: id, userIds: [applicantA.userId] })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await setAssignees(jury, { dossierId: id, userIds: [staff.userId] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const foreignTag = await db.reviewTag.create({ data: { id: randomUUID(), callId: round1Id, label: `Autre appel ${randomUUID().slice(0, 8)}`, colour: "blue-cumulus" } });
    const beforeTag = await snapshot();
    expect(await setTags(staff, { dossierId: id, tagIds: [foreignTag.id] })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await tickEligibility(staff, { dossierId: id, itemKey: "public-administration", met: "no" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await tickEligibility(staff, { dossierId: id, itemKey: "inconnu", met: "yes" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await tickEligibility(applicantA, { dossierId: id, itemKey: "data-project", met: "yes" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toBe(beforeTag);
    expect(before).not.toBe(beforeTag);

    expect(await setAssignees(staff, { dossierId: id, userIds: [staff.userId, staff2.userId] })).toMatchObject({ ok: true });
    expect(await tickEligibility(staff, { dossierId: id, itemKey: "data-project", met: "yes" })).toMatchObject({ ok: true });
    expect(await tickEligibility(staff, { dossierId: id, itemKey: "cofunding-confirmed", met: "yes" })).toMatchObject({ ok: true });
    const view = (await getStaffDossier(staff, DEMO_ROLLING_SLUG, id))!;
    expect(view.assignees.sort()).toEqual([staff.userId, staff2.userId].sort());
    expect(view.eligibility.overall).toBe("ELIGIBLE");
    const audit = await db.auditEvent.findFirst({ where: { action: "review.assignees.set", entityId: id }, select: { data: true } });
    expect(audit?.data).toMatchObject({ before: [], after: [staff.userId, staff2.userId].sort() });
  });
});

describe("fuzzing: broken input is refused cleanly by every review mutation, nothing written", () => {
  const tables = ["dossier", "dossier_event", "mail_outbox", "review_annotation", "review_assignment", "review_tag", "review_dossier_tag", "eligibility_tick", "correction_request", "preselection_decision"];
  const snapshot = () => rowCounts(db, tables);

  it("annotations, corrections, answers, decisions, release", async () => {
    const id = await submittedDossier();
    const actors = { staff, applicantA, jury };
    await fuzzMutation({ name: "review.annotate", actors, valid: { dossierId: id, body: "Une annotation." }, mutation: (a, i) => addAnnotation(a, i), snapshot });
    await fuzzMutation({
      name: "dossier.requestCorrection",
      actors,
      valid: { dossierId: id, message: "Ajoutez le devis de l’hébergeur.", dueDate: inTenDays() },
      mutation: (a, i) => requestCorrection(a, i),
      snapshot,
    });
    await fuzzMutation({ name: "review.decide", actors, valid: { callId: rollingId, dossierId: id, decision: "PRESELECTED", reason: "Projet solide.", expectedVersion: "0" }, mutation: (a, i) => decidePreselection(a, i), snapshot });
    await fuzzMutation({ name: "review.release", actors, valid: { callId: rollingId, confirm: "on" }, mutation: (a, i) => releaseDecisions(a, i), snapshot });
    const reopened = await submittedDossier();
    await requestCorrection(staff, { dossierId: reopened, message: "Ajoutez le devis de l’hébergeur.", dueDate: inTenDays() });
    await fuzzMutation({ name: "dossier.answerCorrection", actors, valid: { dossierId: reopened, answer: "Le devis est joint." }, mutation: (a, i) => answerCorrection(a, i), snapshot });
  }, 300_000);

  it("assignees, labels, eligibility, bulk", async () => {
    const id = await submittedDossier();
    const tag = await createTag(staff, { callId: rollingId, label: `Fuzz ${randomUUID().slice(0, 8)}`, colour: "yellow-tournesol" });
    const tagId = tag.ok ? tag.data.id : "";
    const actors = { staff, applicantA, jury };
    await fuzzMutation({ name: "review.assign", actors, valid: { dossierId: id, userIds: [staff2.userId] }, mutation: (a, i) => setAssignees(a, i), snapshot });
    await fuzzMutation({ name: "review.tag", actors, valid: { dossierId: id, tagIds: [tagId] }, mutation: (a, i) => setTags(a, i), snapshot });
    await fuzzMutation({ name: "review.createTag", actors, valid: { callId: rollingId, label: `Autre ${randomUUID().slice(0, 8)}`, colour: "blue-cumulus" }, mutation: (a, i) => createTag(a, i), snapshot });
    await fuzzMutation({ name: "review.eligibility", actors, valid: { dossierId: id, itemKey: "data-project", met: "yes" }, mutation: (a, i) => tickEligibility(a, i), snapshot });
    await fuzzMutation({
      name: "review.bulk",
      actors,
      valid: { callId: rollingId, dossierIds: [id], action: "tag", tagId, intent: "confirm", token: "x" },
      mutation: (a, i) => bulkAction(a, i),
      snapshot,
    });
  }, 300_000);
});
