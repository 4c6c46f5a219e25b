import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { COMPLETE_STEPS } from "@/lib/dossiers/dossier.fixtures";
import { createDraft, withdrawDossier } from "@/lib/dossiers/dossier.mutations";
import { getAcknowledgement, getDossierForEdit, listMyDossiers } from "@/lib/dossiers/dossier.queries";
import { db } from "@/lib/server/db";
import { submitCompleteDossier } from "@/lib/testing/dossiers";
import { giveOpinion, requestOpinion, sendOpinionReminders } from "./opinion.mutations";
import { getOpinionForExpert, listMyOpinionRequests, listOpinionsForStaff } from "./opinion.queries";

let applicantA: Actor;
let applicantB: Actor;
let staff: Actor;
let jury: Actor;
let categoryKey: string;

const NOW = new Date("2030-05-06T10:00:00Z"); // a Monday, 12:00 in Paris
const actorByEmail = async (email: string): Promise<Actor> => (await loadActor((await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id))!;
const email = (label: string) => `expert-${label}-${randomUUID().slice(0, 8)}@exemple.fr`;

beforeAll(async () => {
  await seedDemo(db);
  applicantA = await actorByEmail("candidat@demo.laureat.fr");
  applicantB = await actorByEmail("candidat2@demo.laureat.fr");
  staff = await actorByEmail("instruction@demo.laureat.fr");
  jury = await actorByEmail("jury@demo.laureat.fr");
  const rolling = await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { categories: { select: { key: true }, take: 1 } } });
  categoryKey = rolling.categories[0]!.key;
});

const submittedDossier = (actor = applicantA): Promise<string> => submitCompleteDossier(actor, DEMO_ROLLING_SLUG, categoryKey);

const request = (dossierId: string, overrides: Record<string, unknown> = {}) => ({
  dossierId,
  email: email("a"),
  name: "Dominique Experte",
  message: "Le traitement de données personnelles décrit est-il conforme au RGPD ?",
  question: "Une analyse d’impact est-elle nécessaire ?",
  dueDate: "2030-05-20",
  confidential: false,
  ...overrides,
});

const snapshot = async () =>
  JSON.stringify(await Promise.all([db.expertOpinion.findMany({ orderBy: { id: "asc" } }), db.user.count(), db.auditEvent.count(), db.mailOutbox.count()]));

describe("outside experts' opinions", () => {
  it("staff ask; the expert (a new account) is e-mailed, reads that dossier only and answers once; staff read the answer", async () => {
    const dossierId = await submittedDossier();
    const other = await submittedDossier();
    const input = request(dossierId);
    const asked = await requestOpinion(staff, input, NOW);
    expect(asked.ok).toBe(true);
    const opinionId = asked.ok ? asked.data.id : "";
    const expertUser = await db.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, passwordHash: true, administrationId: true } });
    expect(expertUser).toMatchObject({ passwordHash: null, administrationId: null });
    const mail = await db.mailOutbox.findUniqueOrThrow({ where: { dedupeKey: `expert-opinion:${opinionId}` } });
    expect(mail.to).toBe(input.email);
    expect(mail.subject).toBe(`Demande d’avis sur le dossier ${(await db.dossier.findUniqueOrThrow({ where: { id: dossierId } })).reference} — réponse avant le 20 mai 2030`);
    expect(mail.text).toContain(`/espace/avis/${opinionId}`);
    expect(mail.text).toContain("Une analyse d’impact est-elle nécessaire ?");

    const expert = (await loadActor(expertUser.id))!;
    expect(await listMyOpinionRequests(expert)).toMatchObject([{ id: opinionId, answeredAt: null }]);
    const view = await getOpinionForExpert(expert, opinionId);
    expect(view?.dossier.title).toBe(COMPLETE_STEPS.project.title);
    // The expert is nobody else: no staff view, no applicant view, no other request.
    expect(await listOpinionsForStaff(expert, dossierId)).toBeNull();
    expect(await getDossierForEdit(expert, other)).toBeNull();
    expect(await getOpinionForExpert(applicantA, opinionId)).toBeNull();
    expect(await getOpinionForExpert(staff, opinionId)).toBeNull();

    // Missing yes/no answer: refused with the field named, nothing written.
    const before = await snapshot();
    const missing = await giveOpinion(expert, { opinionId, opinion: "Conforme sous réserve d’un registre des traitements." }, NOW);
    expect(missing).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { answer: ["Réponse à la question : choisissez oui ou non."] } });
    // Someone else answering: « introuvable », nothing written.
    expect(await giveOpinion(applicantA, { opinionId, opinion: "Tentative d’un candidat.", answer: "oui" }, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await giveOpinion(staff, { opinionId, opinion: "Tentative de l’équipe.", answer: "oui" }, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toBe(before);

    const given = await giveOpinion(expert, { opinionId, opinion: "Conforme sous réserve d’un registre des traitements.", answer: "oui" }, NOW);
    expect(given).toMatchObject({ ok: true, data: { late: false } });
    expect(await giveOpinion(expert, { opinionId, opinion: "Je change d’avis complètement.", answer: "non" }, NOW)).toMatchObject({ ok: false, code: "CONFLICT" });
    const staffView = await listOpinionsForStaff(staff, dossierId);
    expect(staffView).toMatchObject([{ id: opinionId, expertEmail: input.email, answerYes: true, opinion: "Conforme sous réserve d’un registre des traitements.", confidential: false }]);
    expect(await db.mailOutbox.count({ where: { dedupeKey: `expert-opinion-given:${opinionId}`, to: staff.email } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: dossierId, action: { in: ["review.opinion.requested", "review.opinion.given"] } } })).toBe(2);

    // Never to the applicant, in any of their views.
    const applicantText = JSON.stringify([await getDossierForEdit(applicantA, dossierId), await listMyDossiers(applicantA), await getAcknowledgement(applicantA, dossierId)], (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    expect(applicantText).not.toContain("registre des traitements");
    expect(applicantText).not.toContain(input.email);
  });

  it("refuses bad input with a French message and changes nothing", async () => {
    const dossierId = await submittedDossier();
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "pas-une-adresse" }, "email"],
      [{ name: "" }, "name"],
      [{ message: "court" }, "message"],
      [{ question: "oui?" }, "question"],
      [{ dueDate: "2030-05-06" }, "dueDate"], // today: after today only
      [{ dueDate: "2031-05-06" }, "dueDate"], // beyond six months
      [{ dueDate: "2030-02-30" }, "dueDate"],
      [{ message: "<script>alert(1)</script>\u0000" }, "message"],
      [{ email: applicantA.email }, "email"], // the applicant's own administration
    ];
    for (const [overrides, field] of cases) {
      const r = await requestOpinion(staff, request(dossierId, overrides), NOW);
      expect(r.ok, JSON.stringify(overrides)).toBe(false);
      if (!r.ok) {
        expect(r.fieldErrors?.[field]?.[0], JSON.stringify(overrides)).toMatch(/[a-zé]/);
        expect(r.message).not.toMatch(/zod|invalid|undefined/i);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("only staff of the dossier's call ask; applicants, jurors and another tenant are refused without a trace", async () => {
    const dossierId = await submittedDossier();
    const draft = await createDraft(applicantA, DEMO_ROLLING_SLUG);
    const before = await snapshot();
    for (const actor of [applicantA, applicantB, jury]) {
      expect(await requestOpinion(actor, request(dossierId), NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await listOpinionsForStaff(actor, dossierId)).toBeNull();
    }
    // A draft is not reviewed: no opinion on it.
    expect(await requestOpinion(staff, request(draft.ok ? draft.data.id : ""), NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toBe(before);
  });

  it("asks an existing person once per dossier; a confidential opinion stays hidden from the other experts", async () => {
    const dossierId = await submittedDossier();
    const first = request(dossierId, { email: email("public"), question: undefined });
    const second = request(dossierId, { email: email("secret"), confidential: true, question: undefined });
    const third = request(dossierId, { email: email("late"), question: undefined });
    const ids: string[] = [];
    for (const [i, r] of [first, second, third].entries()) {
      const asked = await requestOpinion(staff, r, new Date(NOW.getTime() + i * 1000));
      expect(asked.ok).toBe(true);
      ids.push(asked.ok ? asked.data.id : "");
    }
    expect(await requestOpinion(staff, { ...first, name: "Autre nom" }, NOW)).toMatchObject({ ok: false, code: "CONFLICT" });
    const experts = await Promise.all([first, second, third].map(async (r) => actorByEmail(r.email)));
    expect((await giveOpinion(experts[0]!, { opinionId: ids[0], opinion: "Avis public : le projet est solide." }, NOW)).ok).toBe(true);
    expect((await giveOpinion(experts[1]!, { opinionId: ids[1], opinion: "Avis confidentiel : réserve sur l’équipe." }, NOW)).ok).toBe(true);
    // Before answering, an expert sees no other opinion; after, only the non-confidential ones.
    expect((await getOpinionForExpert(experts[2]!, ids[2]!))!.peers).toEqual([]);
    const late = await giveOpinion(experts[2]!, { opinionId: ids[2], opinion: "Avis rendu après la date demandée." }, new Date("2030-05-21T10:00:00Z"));
    expect(late).toMatchObject({ ok: true, data: { late: true } });
    const peers = (await getOpinionForExpert(experts[2]!, ids[2]!))!.peers.map((p) => p.opinion);
    expect(peers).toEqual(["Avis public : le projet est solide."]);
    expect((await getOpinionForExpert(experts[0]!, ids[0]!))!.peers.map((p) => p.opinion)).toEqual(["Avis rendu après la date demandée."]);
    // Staff read all three.
    expect((await listOpinionsForStaff(staff, dossierId))!.map((o) => o.confidential)).toEqual([false, true, false]);
  });

  it("reminds once, two days before the due date, only the experts who have not answered; a withdrawn dossier needs no opinion", async () => {
    const dossierId = await submittedDossier();
    const pending = request(dossierId, { email: email("pending"), dueDate: "2030-05-09", question: undefined });
    const answered = request(dossierId, { email: email("answered"), dueDate: "2030-05-09", question: undefined });
    const later = request(dossierId, { email: email("later"), dueDate: "2030-05-30", question: undefined });
    const ids: string[] = [];
    for (const r of [pending, answered, later]) {
      const asked = await requestOpinion(staff, r, NOW);
      ids.push(asked.ok ? asked.data.id : "");
    }
    await giveOpinion(await actorByEmail(answered.email), { opinionId: ids[1], opinion: "Déjà répondu avant le rappel." }, NOW);
    const reminderMails = () => db.mailOutbox.findMany({ where: { dedupeKey: { in: ids.map((id) => `expert-opinion-reminder:${id}`) } }, select: { to: true } });
    // 9 May 23:59:59 Paris is 21:59:59 UTC: more than two days away on 7 May at 12:00 Paris.
    await sendOpinionReminders(db, new Date("2030-05-07T10:00:00Z"));
    expect(await reminderMails()).toEqual([]);
    const at = new Date("2030-05-08T09:00:00Z");
    await Promise.all([sendOpinionReminders(db, at), sendOpinionReminders(db, at)]);
    await sendOpinionReminders(db, new Date("2030-05-08T12:00:00Z"));
    expect((await reminderMails()).map((m) => m.to)).toEqual([pending.email]);

    // Withdrawn: the expert cannot answer any more, staff cannot ask.
    const withdrawn = await withdrawDossier(applicantA, { dossierId, reason: "Projet abandonné." }, NOW);
    expect(withdrawn.ok).toBe(true);
    const expert = await actorByEmail(later.email);
    expect(await giveOpinion(expert, { opinionId: ids[2], opinion: "Trop tard, le dossier est retiré." }, NOW)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await requestOpinion(staff, request(dossierId), NOW)).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});
