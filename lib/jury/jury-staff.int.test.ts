import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { getAcknowledgement } from "@/lib/dossiers/dossier.queries";
import { publishResults } from "@/lib/publication/publication.mutations";
import { db } from "@/lib/server/db";
import {
  acceptConfidentiality,
  addConflictAsStaff,
  completeDeclarations,
  draftFeedbacks,
  proposeConflicts,
  releaseFeedbacks,
  reviewConflict,
  saveEvaluation,
  saveFeedback,
  saveScoringGrid,
} from "./jury.mutations";
import { getJuryAdmin, loadJuryContext } from "./jury.queries";
import { gridFromForm } from "./jury.schema";

const KEYS = ["benefits", "technical", "sustainability", "budget"];

type World = {
  callId: string;
  slug: string;
  otherCallId: string;
  agenda: string[];
  dossierIds: string[];
  members: string[];
  otherMember: string;
  chair: Actor;
  jurors: Actor[];
  staff: Actor;
  otherStaff: Actor;
  applicant: Actor;
  otherApplicant: Actor;
};

async function user(name: string, data: { organisation?: string | null; administrationId?: string }, grants: { role: "JURY" | "STAFF" | "APPLICANT"; callId: string | null }[]) {
  const u = await db.user.create({ data: { email: `${randomUUID()}@test.laureat.fr`, name, ...data }, select: { id: true } });
  await db.roleGrant.createMany({ data: grants.map((g) => ({ userId: u.id, ...g })) });
  return u.id;
}

/** A call in AUDITIONS with 3 dossiers of one prefecture, 3 jurors (the third works there), staff of this call and of another. */
async function world(): Promise<World> {
  const suffix = randomUUID().slice(0, 8);
  const ministry = await db.ministry.create({ data: { code: `S${suffix}`, name: `Ministère staff ${suffix}` }, select: { id: true } });
  const admA = await db.administration.create({ data: { name: `Préfecture staff ${suffix}`, kind: "DECENTRALISED", ministryId: ministry.id }, select: { id: true } });
  const admB = await db.administration.create({ data: { name: `Rectorat staff ${suffix}`, kind: "DECENTRALISED", ministryId: ministry.id }, select: { id: true } });
  const mkCall = async (slug: string) =>
    (
      await db.call.create({
        data: { slug, title: slug, summary: "s", description: "d", kind: "CALL", phase: "AUDITIONS", opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), budgetEnvelopeCents: 100_000_000n },
        select: { id: true },
      })
    ).id;
  const slug = `jury-staff-${suffix}`;
  const callId = await mkCall(slug);
  const otherCallId = await mkCall(`jury-staff-other-${suffix}`);
  for (const id of [callId, otherCallId]) {
    await db.criterion.createMany({ data: KEYS.map((key, position) => ({ callId: id, key, label: `Critère ${key}`, weight: 25, position })) });
  }
  const agenda: string[] = [];
  const dossierIds: string[] = [];
  for (const [i, adm] of [admA.id, admA.id, admB.id].entries()) {
    const d = await db.dossier.create({
      data: { callId, administrationId: adm, title: `Dossier ${i + 1}`, summary: `Résumé ${i + 1}`, status: "AUDITIONED", requestedCents: 10_000_000n, totalCostCents: 20_000_000n, reference: `S-${suffix}-${i + 1}`, submittedAt: new Date("2026-01-15") },
      select: { id: true },
    });
    dossierIds.push(d.id);
    agenda.push((await db.juryDossier.create({ data: { dossierId: d.id, position: i + 1 }, select: { id: true } })).id);
  }
  const members: string[] = [];
  const jurorIds: string[] = [];
  for (const [i, org] of ["Université staff", null, `Préfecture staff ${suffix}`].entries()) {
    const id = await user(`Juré staff ${i}`, { organisation: org }, [{ role: "JURY", callId }]);
    members.push((await db.juryMember.create({ data: { callId, userId: id, isChair: i === 0 }, select: { id: true } })).id);
    jurorIds.push(id);
  }
  const otherJuror = await user("Juré d’un autre appel", {}, [{ role: "JURY", callId: otherCallId }]);
  const otherMember = (await db.juryMember.create({ data: { callId: otherCallId, userId: otherJuror }, select: { id: true } })).id;
  const staffId = await user("Instructrice de l’appel", {}, [{ role: "STAFF", callId }]);
  const otherStaffId = await user("Instructeur d’un autre appel", {}, [{ role: "STAFF", callId: otherCallId }]);
  const applicantId = await user("Candidate de la préfecture", { administrationId: admA.id }, [{ role: "APPLICANT", callId: null }]);
  const otherApplicantId = await user("Candidat du rectorat", { administrationId: admB.id }, [{ role: "APPLICANT", callId: null }]);
  const load = async (id: string) => (await loadActor(id))!;
  const jurors = await Promise.all(jurorIds.map(load));
  return {
    callId,
    slug,
    otherCallId,
    agenda,
    dossierIds,
    members,
    otherMember,
    chair: jurors[0]!,
    jurors: jurors.slice(1),
    staff: await load(staffId),
    otherStaff: await load(otherStaffId),
    applicant: await load(applicantId),
    otherApplicant: await load(otherApplicantId),
  };
}

const validGrid = (extra: Record<string, unknown> = {}) => ({
  scaleMaxHalf: 10,
  stepHalf: 1,
  commentMode: "PER_CRITERION",
  contestedSpreadHalf: 3,
  cutSize: 2,
  tieBreak: ["technical", "benefits", "budget", "sustainability"],
  criteria: [
    { key: "benefits", helpText: "Qui en profite ?", weight: 40, thresholdHalf: null },
    { key: "technical", helpText: null, weight: 30, thresholdHalf: 5 },
    { key: "sustainability", helpText: null, weight: 20, thresholdHalf: null },
    { key: "budget", helpText: null, weight: 10, thresholdHalf: null },
  ],
  ...extra,
});

async function snapshot(callId: string) {
  const [grid, criteria, conflicts, dossiers, audit] = await Promise.all([
    db.scoringGrid.findUnique({ where: { callId }, select: { scaleMaxHalf: true, stepHalf: true, commentMode: true, contestedSpreadHalf: true, cutSize: true, tieBreak: true } }),
    db.criterion.findMany({ where: { callId }, orderBy: { position: "asc" }, select: { key: true, helpText: true, weight: true, thresholdHalf: true } }),
    db.juryConflict.findMany({ where: { member: { callId } }, orderBy: { id: "asc" }, select: { id: true, status: true, source: true, lockedAt: true, type: true, reason: true } }),
    db.juryDossier.findMany({ where: { dossier: { callId } }, orderBy: { position: "asc" }, select: { feedbackDraft: true, feedbackReleasedAt: true } }),
    db.auditEvent.count({ where: { OR: [{ entityId: callId }, { action: { startsWith: "jury." } }] } }),
  ]);
  return { grid, criteria, conflicts, dossiers, audit };
}

describe("staff jury section: scoring grid", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("refuses jurors, applicants and staff of another call, whatever the input", async () => {
    const before = await snapshot(w.callId);
    for (const actor of [w.chair, w.jurors[0]!, w.applicant, w.otherStaff]) {
      expect(await saveScoringGrid(actor, w.callId, validGrid())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await getJuryAdmin(w.chair, w.slug)).toBeNull();
    expect(await getJuryAdmin(w.applicant, w.slug)).toBeNull();
    expect(await getJuryAdmin(w.otherStaff, w.slug)).toBeNull();
    expect(await snapshot(w.callId)).toEqual(before);
  });

  it("validates on the server with French messages and changes nothing on bad input", async () => {
    const before = await snapshot(w.callId);
    const sum = await saveScoringGrid(w.staff, w.callId, validGrid({ criteria: validGrid().criteria.map((c, i) => (i === 0 ? { ...c, weight: 45 } : c)) }));
    expect(sum).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { criteria: ["La somme des poids doit être égale à 100 % (actuellement 105 %)."] } });
    const threshold = await saveScoringGrid(w.staff, w.callId, validGrid({ criteria: validGrid().criteria.map((c, i) => (i === 1 ? { ...c, thresholdHalf: 12 } : c)) }));
    expect(threshold).toMatchObject({ ok: false, fieldErrors: { "criteria.1.thresholdHalf": [expect.stringMatching(/ne peut pas dépasser la note maximale \(5\)/)] } });
    const whole = await saveScoringGrid(w.staff, w.callId, validGrid({ stepHalf: 2, criteria: validGrid().criteria.map((c, i) => (i === 1 ? { ...c, thresholdHalf: 5 } : c)) }));
    expect(whole).toMatchObject({ ok: false, fieldErrors: { "criteria.1.thresholdHalf": ["Sans demi-points, le seuil doit être un nombre entier."] } });
    const tie = await saveScoringGrid(w.staff, w.callId, validGrid({ tieBreak: ["technical", "technical", "budget", "sustainability"] }));
    expect(tie).toMatchObject({ ok: false, fieldErrors: { tieBreak: [expect.stringMatching(/qu’une fois/)] } });
    const unknown = await saveScoringGrid(w.staff, w.callId, validGrid({ tieBreak: ["technical", "benefits", "sustainability", "autre"], criteria: validGrid().criteria.map((c, i) => (i === 3 ? { ...c, key: "autre" } : c)) }));
    expect(unknown).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/rechargez la page/) });
    const control = await saveScoringGrid(w.staff, w.callId, validGrid({ criteria: validGrid().criteria.map((c, i) => (i === 0 ? { ...c, helpText: "a\u0000b" } : c)) }));
    expect(control).toMatchObject({ ok: false, fieldErrors: { "criteria.0.helpText": ["Ce texte contient des caractères non autorisés."] } });
    // The form's points: « 3,5 » is 7 half-points, « abc » is refused.
    const form = new FormData();
    for (const [k, v] of Object.entries({ scaleMax: "abc", contestedSpread: "1,5", cutSize: "2", commentMode: "OVERALL", criteriaCount: "1", "criteria.0.key": "benefits", "criteria.0.weight": "100", "criteria.0.threshold": "3,5", "tieBreak.0": "benefits" })) form.set(k, v);
    const parsed = gridFromForm(form);
    expect(parsed).toMatchObject({ contestedSpreadHalf: 3, stepHalf: 2, criteria: [{ key: "benefits", weight: 100, thresholdHalf: 7, helpText: null }] });
    expect(await saveScoringGrid(w.staff, w.callId, parsed)).toMatchObject({ ok: false, fieldErrors: { scaleMaxHalf: [expect.stringMatching(/saisissez un nombre de points/)] } });
    expect(await snapshot(w.callId)).toEqual(before);
  });

  it("saves the grid and the criteria settings with an audit event", async () => {
    expect(await saveScoringGrid(w.staff, w.callId, validGrid())).toEqual({ ok: true, data: null });
    const ctx = (await loadJuryContext(w.staff, { id: w.callId }))!;
    expect(ctx.grid).toEqual({ scaleMaxHalf: 10, stepHalf: 1, commentMode: "PER_CRITERION", contestedSpreadHalf: 3, cutSize: 2, tieBreak: ["technical", "benefits", "budget", "sustainability"] });
    expect(ctx.criteria.map((c) => [c.key, c.weight, c.thresholdHalf, c.helpText])).toEqual([
      ["benefits", 40, null, "Qui en profite ?"],
      ["technical", 30, 5, null],
      ["sustainability", 20, null, null],
      ["budget", 10, null, null],
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "jury.grid.saved", entityId: w.callId }, orderBy: { id: "desc" }, select: { actorId: true, data: true } });
    expect(event.actorId).toBe(w.staff.userId);
    expect((event.data as { to: { grid: { cutSize: number } } }).to.grid.cutSize).toBe(2);
    expect((await getJuryAdmin(w.staff, w.slug))!.gridLockedReason).toBeNull();
  });

  it("refuses any edit once a juror has saved a score, then once the deliberation is locked", async () => {
    const juror = w.jurors[0]!;
    await acceptConfidentiality(juror, w.callId);
    await completeDeclarations(juror, w.callId);
    expect((await saveEvaluation(juror, w.callId, { opId: randomUUID(), juryDossierId: w.agenda[0], scores: [{ criterionKey: "benefits", valueHalf: 7 }] })).ok).toBe(true);
    const before = await snapshot(w.callId);
    expect(await saveScoringGrid(w.staff, w.callId, validGrid({ cutSize: 3 }))).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/La notation a commencé/) });
    expect((await getJuryAdmin(w.staff, w.slug))!.gridLockedReason).toMatch(/La notation a commencé/);
    await db.juryEvaluation.deleteMany({ where: { memberId: w.members[1] } });
    await db.call.update({ where: { id: w.callId }, data: { deliberationLockedAt: new Date(), phase: "DELIBERATION" } });
    expect(await saveScoringGrid(w.staff, w.callId, validGrid({ cutSize: 3 }))).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/délibération est verrouillée/) });
    expect((await snapshot(w.callId)).grid).toEqual(before.grid);
    expect((await snapshot(w.callId)).criteria).toEqual(before.criteria);
  });
});

describe("staff jury section: conflicts of interest", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("proposes the likely conflict once, even when two staff click at once; jurors and applicants are refused", async () => {
    for (const actor of [w.chair, w.jurors[1]!, w.applicant, w.otherStaff]) {
      expect(await proposeConflicts(actor, w.callId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db.juryConflict.count({ where: { member: { callId: w.callId } } })).toBe(0);
    const results = await Promise.all([proposeConflicts(w.staff, w.callId), proposeConflicts(w.staff, w.callId)]);
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db.juryConflict.findMany({ where: { member: { callId: w.callId } }, orderBy: { juryDossierId: "asc" }, select: { memberId: true, juryDossierId: true, status: true, source: true } });
    // The prefecture's juror on its two dossiers, never on the rectorate's.
    expect(rows).toEqual(
      [w.agenda[0]!, w.agenda[1]!].sort().map((juryDossierId) => ({ memberId: w.members[2], juryDossierId, status: "PROPOSED", source: "PROPOSED" })),
    );
    const admin = (await getJuryAdmin(w.staff, w.slug))!;
    expect(admin.members.find((m) => m.id === w.members[2])!.conflicts).toHaveLength(2);
    expect(admin.members[0]!.isChair).toBe(true);
  });

  it("staff confirm one, dismiss the other, then lock: a locked conflict no longer moves", async () => {
    const [first, second] = await db.juryConflict.findMany({ where: { memberId: w.members[2] }, orderBy: { juryDossier: { position: "asc" } }, select: { id: true } });
    for (const actor of [w.jurors[1]!, w.applicant, w.otherStaff]) {
      expect(await reviewConflict(actor, w.callId, { conflictId: first!.id, status: "DISMISSED" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    // A conflict of this call named with another call's id: not found.
    expect(await reviewConflict(w.otherStaff, w.otherCallId, { conflictId: first!.id, status: "DISMISSED" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await reviewConflict(w.staff, w.callId, { conflictId: first!.id, status: "MAYBE" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect((await reviewConflict(w.staff, w.callId, { conflictId: first!.id, status: "CONFIRMED" })).ok).toBe(true);
    expect((await reviewConflict(w.staff, w.callId, { conflictId: second!.id, status: "DISMISSED" })).ok).toBe(true);
    // The dismissed proposal no longer hides the dossier from the juror; the confirmed one does.
    const ctx = (await loadJuryContext(w.jurors[1]!, { id: w.callId }))!;
    expect([...ctx.conflictedJuryDossierIds]).toEqual([w.agenda[0]]);
    expect((await reviewConflict(w.staff, w.callId, { conflictId: first!.id, status: "CONFIRMED", lock: true })).ok).toBe(true);
    const before = await snapshot(w.callId);
    expect(await reviewConflict(w.staff, w.callId, { conflictId: first!.id, status: "DISMISSED" })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/verrouillé/) });
    expect(await addConflictAsStaff(w.staff, w.callId, { memberId: w.members[2], juryDossierId: w.agenda[0], type: "OTHER", reason: "Autre motif." })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot(w.callId)).toEqual(before);
    const audit = await db.auditEvent.findMany({ where: { action: "jury.conflict.reviewed", entityId: first!.id }, orderBy: { id: "asc" }, select: { data: true } });
    expect(audit.map((a) => a.data)).toEqual([
      { status: "CONFIRMED", lock: false },
      { status: "CONFIRMED", lock: true },
    ]);
  });

  it("staff add a conflict for a member and a dossier of this call only", async () => {
    const before = await snapshot(w.callId);
    expect(await addConflictAsStaff(w.staff, w.callId, { memberId: w.otherMember, juryDossierId: w.agenda[2], type: "OTHER", reason: "Membre d’un autre jury." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addConflictAsStaff(w.staff, w.callId, { memberId: w.members[1], juryDossierId: w.agenda[2], type: "OTHER", reason: "x" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await addConflictAsStaff(w.jurors[0]!, w.callId, { memberId: w.members[1], juryDossierId: w.agenda[2], type: "OTHER", reason: "Je me signale moi-même." })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(w.callId)).toEqual(before);
    const added = await addConflictAsStaff(w.staff, w.callId, { memberId: w.members[1], juryDossierId: w.agenda[2], type: "PROFESSIONAL", reason: "Ancien collègue du porteur.", lock: true });
    expect(added.ok).toBe(true);
    const row = await db.juryConflict.findUniqueOrThrow({ where: { id: added.ok ? added.data.id : "" }, select: { source: true, status: true, lockedAt: true } });
    expect(row).toMatchObject({ source: "STAFF", status: "CONFIRMED", lockedAt: expect.any(Date) });
  });

  it("refuses every conflict change once the deliberation is locked (recusals are sealed)", async () => {
    await db.call.update({ where: { id: w.callId }, data: { deliberationLockedAt: new Date(), phase: "DELIBERATION" } });
    const before = await snapshot(w.callId);
    const second = await db.juryConflict.findFirstOrThrow({ where: { memberId: w.members[2], status: "DISMISSED" }, select: { id: true } });
    expect(await proposeConflicts(w.staff, w.callId)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await reviewConflict(w.staff, w.callId, { conflictId: second.id, status: "CONFIRMED" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await addConflictAsStaff(w.staff, w.callId, { memberId: w.members[0], juryDossierId: w.agenda[2], type: "OTHER", reason: "Trop tard." })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot(w.callId)).toEqual(before);
  });
});

describe("staff jury section: feedback to applicants", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    // A jury that scored and left a shareable remark and an internal note on the first dossier.
    for (const juror of [w.chair, w.jurors[0]!]) {
      await acceptConfidentiality(juror, w.callId);
      await completeDeclarations(juror, w.callId);
      const saved = await saveEvaluation(juror, w.callId, {
        opId: randomUUID(),
        juryDossierId: w.agenda[0],
        scores: KEYS.map((criterionKey) => ({ criterionKey, valueHalf: 8, comment: "Commentaire interne au jury." })),
        feedback: "Démarche exemplaire.",
        internalNote: "Le porteur semblait fatigué.",
        submit: true,
      });
      expect(saved.ok).toBe(true);
    }
  });

  it("drafts nothing before the deliberation is locked", async () => {
    expect(await draftFeedbacks(w.staff, w.callId)).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("drafts, lets staff edit, hides everything from the applicant until the results are published, then releases with them", async () => {
    await db.juryDossier.updateMany({ where: { id: { in: w.agenda } }, data: { lockedAt: new Date(), decision: "NOT_RETAINED", motivation: "Classé derrière les lauréats.", decidedAt: new Date() } });
    await db.dossier.updateMany({ where: { id: { in: w.dossierIds } }, data: { status: "NOT_RETAINED", decidedAt: new Date() } });
    await db.call.update({ where: { id: w.callId }, data: { deliberationLockedAt: new Date(), phase: "DELIBERATION" } });

    for (const actor of [w.chair, w.applicant, w.otherStaff]) expect(await draftFeedbacks(actor, w.callId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await draftFeedbacks(w.staff, w.callId)).toEqual({ ok: true, data: { drafted: 3 } });
    const draft = (await db.juryDossier.findUniqueOrThrow({ where: { id: w.agenda[0]! }, select: { feedbackDraft: true } })).feedbackDraft!;
    expect(draft).toContain("Démarche exemplaire.");
    for (const secret of ["Commentaire interne", "fatigué", "Juré staff"]) expect(draft).not.toContain(secret);

    // Editing: bounded plain text, staff of the call only.
    const before = await snapshot(w.callId);
    for (const actor of [w.chair, w.jurors[0]!, w.applicant, w.otherStaff]) {
      expect(await saveFeedback(actor, w.callId, { juryDossierId: w.agenda[0], text: "Texte modifié par quelqu’un d’autre." })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await saveFeedback(w.staff, w.callId, { juryDossierId: w.agenda[0], text: "x".repeat(8001) })).toMatchObject({ ok: false, fieldErrors: { text: ["8000 caractères au plus."] } });
    expect(await saveFeedback(w.staff, w.callId, { juryDossierId: w.agenda[0], text: "court" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await saveFeedback(w.staff, w.callId, { juryDossierId: w.agenda[0], text: "Texte avec \u0007 un caractère de contrôle." })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await saveFeedback(w.otherStaff, w.otherCallId, { juryDossierId: w.agenda[0], text: "Retour pour un autre appel." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(w.callId)).toEqual(before);
    const edited = `${draft}\n\nL’équipe du programme reste à votre disposition.`;
    expect(await saveFeedback(w.staff, w.callId, { juryDossierId: w.agenda[0], text: edited })).toEqual({ ok: true, data: null });

    // Not visible before the publication; the release action waits for it.
    expect((await getAcknowledgement(w.applicant, w.dossierIds[0]!))!.juryFeedback).toBeNull();
    expect(await releaseFeedbacks(w.staff, w.callId)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/publiez d’abord les résultats/) });
    expect(await db.juryDossier.count({ where: { id: { in: w.agenda }, feedbackReleasedAt: { not: null } } })).toBe(0);

    const published = await publishResults(w.staff, w.callId);
    expect(published.ok).toBe(true);
    const call = await db.call.findUniqueOrThrow({ where: { id: w.callId }, select: { resultsPublishedAt: true } });
    const rows = await db.juryDossier.findMany({ where: { id: { in: w.agenda } }, select: { feedbackReleasedAt: true } });
    expect(rows.map((r) => r.feedbackReleasedAt)).toEqual([call.resultsPublishedAt, call.resultsPublishedAt, call.resultsPublishedAt]);
    const ack = (await getAcknowledgement(w.applicant, w.dossierIds[0]!))!;
    expect(ack.juryFeedback).toEqual({ text: edited, releasedAt: call.resultsPublishedAt });
    // Another administration reads neither the dossier nor its feedback.
    expect(await getAcknowledgement(w.otherApplicant, w.dossierIds[0]!)).toBeNull();
    // The decision e-mail carries the edited summary.
    const mail = await db.mailOutbox.findFirst({ where: { dedupeKey: { startsWith: `results-decision:${w.dossierIds[0]}:` } }, select: { text: true } });
    expect(mail?.text).toContain("L’équipe du programme reste à votre disposition.");

    // A released text is final; drafting again leaves it alone.
    expect(await saveFeedback(w.staff, w.callId, { juryDossierId: w.agenda[0], text: "Une autre version du retour." })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/déjà été transmis/) });
    expect(await draftFeedbacks(w.staff, w.callId)).toEqual({ ok: true, data: { drafted: 0 } });
    expect(await releaseFeedbacks(w.staff, w.callId)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/Aucun retour/) });
  });

  it("releases a draft written after the publication with the staff action", async () => {
    await db.juryDossier.update({ where: { id: w.agenda[2]! }, data: { feedbackDraft: null, feedbackReleasedAt: null } });
    expect((await getAcknowledgement(w.otherApplicant, w.dossierIds[2]!))!.juryFeedback).toBeNull();
    expect(await draftFeedbacks(w.staff, w.callId)).toEqual({ ok: true, data: { drafted: 1 } });
    expect((await getAcknowledgement(w.otherApplicant, w.dossierIds[2]!))!.juryFeedback).toBeNull();
    expect(await releaseFeedbacks(w.applicant, w.callId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await releaseFeedbacks(w.staff, w.callId)).toEqual({ ok: true, data: { released: 1 } });
    expect((await getAcknowledgement(w.otherApplicant, w.dossierIds[2]!))!.juryFeedback?.text).toContain("Le jury n’a pas retenu votre projet.");
  });
});
