import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { verifyAuditChain } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import { renderMinutesPdf } from "./minutes";
import {
  acceptConfidentiality,
  draftFeedbacks,
  addConflictAsStaff,
  completeDeclarations,
  declareConflict,
  isLikelyConflict,
  lockDeliberation,
  lockDossier,
  proposeConflicts,
  recordDecision,
  reviewConflict,
  saveEvaluation,
} from "./jury.mutations";
import { exportScoresCsv, getChairView, getJurorDossier, getMinutes, listAgenda, listForDeclaration, loadJuryContext } from "./jury.queries";

type World = {
  callId: string;
  otherCallDossier: string;
  agenda: string[];
  chair: Actor;
  jurors: Actor[];
  staff: Actor;
  outsider: Actor;
};

const KEYS = ["benefits", "technical", "sustainability", "budget"];

async function user(name: string, organisation: string | null, grants: { role: "JURY" | "STAFF"; callId: string | null }[]) {
  const u = await db.user.create({ data: { email: `${randomUUID()}@test.laureat.fr`, name, organisation }, select: { id: true } });
  await db.roleGrant.createMany({ data: grants.map((g) => ({ userId: u.id, ...g })) });
  return u.id;
}

/** A fresh call in AUDITIONS with 4 dossiers (envelope 1 000 000 €) and 4 jurors; the first is the chair. */
async function world(): Promise<World> {
  const suffix = randomUUID().slice(0, 8);
  const ministry = await db.ministry.create({ data: { code: `T${suffix}`, name: `Ministère test ${suffix}` }, select: { id: true } });
  const admA = await db.administration.create({ data: { name: `Préfecture test ${suffix}`, kind: "DECENTRALISED", ministryId: ministry.id }, select: { id: true } });
  const mkCall = async (slug: string) =>
    (
      await db.call.create({
        data: { slug, title: slug, summary: "s", description: "d", kind: "CALL", phase: "AUDITIONS", opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), budgetEnvelopeCents: 100_000_000n },
        select: { id: true },
      })
    ).id;
  const callId = await mkCall(`jury-test-${suffix}`);
  const otherCallId = await mkCall(`jury-other-${suffix}`);
  for (const id of [callId, otherCallId]) {
    await db.criterion.createMany({ data: KEYS.map((key, position) => ({ callId: id, key, label: `Critère ${key}`, weight: 25, position, thresholdHalf: key === "technical" ? 4 : null })) });
    await db.scoringGrid.create({ data: { callId: id, stepHalf: 1, commentMode: "OVERALL", contestedSpreadHalf: 4, cutSize: 2, tieBreak: KEYS } });
  }
  const agenda: string[] = [];
  for (const [i, requested] of [40_000_000n, 30_000_000n, 50_000_000n, 20_000_000n].entries()) {
    const d = await db.dossier.create({
      data: { callId, administrationId: admA.id, title: `Dossier ${i + 1}`, summary: `Résumé ${i + 1}`, status: "PRESELECTED", requestedCents: requested, reference: `T-${suffix}-${i + 1}` },
      select: { id: true },
    });
    agenda.push((await db.juryDossier.create({ data: { dossierId: d.id, position: i + 1 }, select: { id: true } })).id);
  }
  const od = await db.dossier.create({ data: { callId: otherCallId, administrationId: admA.id, title: "Autre appel", summary: "x", status: "PRESELECTED" }, select: { id: true } });
  const otherCallDossier = (await db.juryDossier.create({ data: { dossierId: od.id, position: 1 }, select: { id: true } })).id;

  const ids: string[] = [];
  for (const [i, org] of ["Université test", null, `Préfecture test ${suffix}`, null].entries()) {
    const id = await user(`Juré ${i}`, org, [{ role: "JURY", callId }]);
    await db.juryMember.create({ data: { callId, userId: id, isChair: i === 0 } });
    ids.push(id);
  }
  const outsiderId = await user("Juré d’un autre appel", null, [{ role: "JURY", callId: otherCallId }]);
  await db.juryMember.create({ data: { callId: otherCallId, userId: outsiderId } });
  const staffId = await user("Instructrice", null, [{ role: "STAFF", callId: null }]);
  const actors = await Promise.all(ids.map((id) => loadActor(id)));
  return {
    callId,
    otherCallDossier,
    agenda,
    chair: actors[0]!,
    jurors: actors.slice(1).map((a) => a!),
    staff: (await loadActor(staffId))!,
    outsider: (await loadActor(outsiderId))!,
  };
}

async function ready(actor: Actor, callId: string) {
  expect((await acceptConfidentiality(actor, callId)).ok).toBe(true);
  expect((await completeDeclarations(actor, callId)).ok).toBe(true);
}

const full = (juryDossierId: string, v: number, extra: Record<string, unknown> = {}) => ({
  opId: randomUUID(),
  juryDossierId,
  scores: KEYS.map((criterionKey) => ({ criterionKey, valueHalf: v })),
  overallComment: "Audition convaincante.",
  feedback: "Projet solide.",
  internalNote: "Vigilance sur la maintenance.",
  submit: true,
  ...extra,
});

async function counts() {
  const [scores, evaluations, operations, audit, conflicts, decided] = await Promise.all([
    db.juryScore.count(),
    db.juryEvaluation.count(),
    db.juryOperation.count(),
    db.auditEvent.count(),
    db.juryConflict.count(),
    db.juryDossier.count({ where: { decision: { not: null } } }),
  ]);
  return { scores, evaluations, operations, audit, conflicts, decided };
}

async function ctx(actor: Actor, callId: string) {
  return (await loadJuryContext(actor, { id: callId }))!;
}

describe("jury: declarations, conflicts and scoped queries", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("shows no dossier and refuses scores before the terms and declarations", async () => {
    const [j] = w.jurors;
    expect(await listAgenda(j!, await ctx(j!, w.callId))).toEqual([]);
    const before = await counts();
    const r = await saveEvaluation(j!, w.callId, full(w.agenda[0]!, 6));
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/confidentialité/) });
    expect(await counts()).toEqual(before);
  });

  it("refuses a juror of another call and an anonymous-like actor without membership", async () => {
    expect((await acceptConfidentiality(w.outsider, w.callId)).ok).toBe(false);
    expect(await getChairView(w.outsider, await ctx(w.outsider, w.callId))).toBeNull();
    expect(await exportScoresCsv(w.jurors[0]!, await ctx(w.jurors[0]!, w.callId))).toBeNull();
  });

  it("a conflicted juror never gets the dossier: list, detail, scores, ranking, export", async () => {
    const [j1, j2, j3] = w.jurors;
    for (const a of [w.chair, j1!, j2!, j3!]) await ready(a, w.callId);
    // The chair declares a conflict on dossier 2; juror 1 on dossier 1.
    expect((await declareConflict(w.chair, w.callId, { juryDossierId: w.agenda[1], type: "PROFESSIONAL", reason: "Ancienne collègue du porteur." })).ok).toBe(true);
    expect((await declareConflict(j1!, w.callId, { juryDossierId: w.agenda[0], type: "PERSONAL", reason: "Lien familial." })).ok).toBe(true);

    // Everyone else scores dossiers 1 and 2.
    for (const a of [j2!, j3!]) {
      expect((await saveEvaluation(a, w.callId, full(w.agenda[0]!, 8))).ok).toBe(true);
      expect((await saveEvaluation(a, w.callId, full(w.agenda[1]!, 6))).ok).toBe(true);
    }

    const c1 = await ctx(j1!, w.callId);
    expect((await listAgenda(j1!, c1)).map((i) => i.juryDossierId)).not.toContain(w.agenda[0]);
    expect(await getJurorDossier(j1!, c1, w.agenda[0]!)).toBeNull();
    const before = await counts();
    const refused = await saveEvaluation(j1!, w.callId, full(w.agenda[0]!, 10));
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/conflit d’intérêts/) });
    expect(await counts()).toEqual(before);

    const cc = await ctx(w.chair, w.callId);
    const view = (await getChairView(w.chair, cc))!;
    expect(view.ranking.dossiers.map((d) => d.id)).not.toContain(w.agenda[1]);
    expect(JSON.stringify(view.ranking, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(w.agenda[1]!);
    expect(view.rows.find((r) => r.juryDossierId === w.agenda[1])).toMatchObject({ recusedViewer: true, decision: null, grantedCents: null });
    const chairCsv = (await exportScoresCsv(w.chair, cc))!;
    expect(chairCsv).toContain("Dossier 1");
    expect(chairCsv).not.toContain("Dossier 2");
    // Staff see everything.
    const staffCsv = (await exportScoresCsv(w.staff, await ctx(w.staff, w.callId)))!;
    expect(staffCsv).toContain("Dossier 2");
    const staffView = (await getChairView(w.staff, await ctx(w.staff, w.callId)))!;
    expect(staffView.ranking.dossiers.find((d) => d.id === w.agenda[1])!.jurorCount).toBe(2);
    expect(staffView.jurors.find((j) => j.isChair)!.conflictedJuryDossierIds).toEqual([w.agenda[1]]);
    // The chair cannot lock or decide the dossier they are conflicted on.
    expect((await lockDossier(w.chair, w.callId, w.agenda[1]!)).ok).toBe(false);
  });

  it("shows peers' scores only after the juror's own submission", async () => {
    const j1 = w.jurors[0]!;
    const c = await ctx(j1, w.callId);
    const draft = await saveEvaluation(j1, w.callId, { opId: randomUUID(), juryDossierId: w.agenda[1]!, scores: [{ criterionKey: "benefits", valueHalf: 7 }] });
    expect(draft).toMatchObject({ ok: true, data: { submitted: false } });
    expect((await getJurorDossier(j1, c, w.agenda[1]!))!.peers).toBeNull();
    expect((await saveEvaluation(j1, w.callId, full(w.agenda[1]!, 7))).ok).toBe(true);
    const seen = (await getJurorDossier(j1, c, w.agenda[1]!))!;
    expect(seen.peers).toHaveLength(2);
    expect(seen.peers![0]!.total).toBe(3);
  });

  it("proposes likely conflicts from the juror's organisation, counted until staff dismiss them", async () => {
    expect(isLikelyConflict("Préfecture fictive de Bellecombe", "Préfecture fictive de Bellecombe", "Ministère de l’Intérieur")).toBe(true);
    expect(isLikelyConflict("ministere de l'interieur", "Préfecture fictive", "Ministère de l’Intérieur")).toBe(true);
    expect(isLikelyConflict("Université test", "Préfecture test", "Ministère test")).toBe(false);
    expect(isLikelyConflict(null, "Préfecture test", "Ministère test")).toBe(false);
    expect((await proposeConflicts(w.jurors[0]!, w.callId)).ok).toBe(false);
    const r = await proposeConflicts(w.staff, w.callId);
    // Juror 2 works at the applicant administration: the 4 dossiers, minus none declared.
    expect(r).toMatchObject({ ok: true, data: { proposed: 4 } });
    const j2 = w.jurors[1]!;
    expect(await listAgenda(j2, await ctx(j2, w.callId))).toEqual([]);
    const declarations = await listForDeclaration(j2, await ctx(j2, w.callId));
    expect(declarations.every((d) => d.conflict?.status === "PROPOSED")).toBe(true);
    const proposed = await db.juryConflict.findFirstOrThrow({ where: { juryDossierId: w.agenda[3], member: { userId: j2.userId } }, select: { id: true } });
    expect((await reviewConflict(w.staff, w.callId, { conflictId: proposed.id, status: "DISMISSED" })).ok).toBe(true);
    expect((await listAgenda(j2, await ctx(j2, w.callId))).map((i) => i.juryDossierId)).toEqual([w.agenda[3]]);
    // Staff add and lock a conflict: it can no longer be reviewed.
    const memberId = (await db.juryMember.findFirstOrThrow({ where: { callId: w.callId, userId: w.jurors[2]!.userId }, select: { id: true } })).id;
    const added = await addConflictAsStaff(w.staff, w.callId, { memberId, juryDossierId: w.agenda[3], type: "OTHER", reason: "Signalé par l’équipe.", lock: true });
    expect(added.ok).toBe(true);
    const locked = await reviewConflict(w.staff, w.callId, { conflictId: added.ok ? added.data.id : "", status: "DISMISSED" });
    expect(locked).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("jury: bad input changes nothing", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    for (const a of [w.chair, ...w.jurors]) await ready(a, w.callId);
  });

  it.each([
    ["a score above the scale", (d: string) => full(d, 11), /entre 0 et 5/],
    ["a negative score", (d: string) => full(d, -1), /entre 0 et 5/],
    ["a decimal score", (d: string) => ({ ...full(d, 6), scores: [{ criterionKey: "benefits", valueHalf: 6.5 }] }), /entier de demi-points/],
    ["an unknown criterion", (d: string) => ({ ...full(d, 6), scores: [{ criterionKey: "nope", valueHalf: 6 }] }), /échelle|Critère inconnu|invalides/],
    ["a missing mandatory comment", (d: string) => full(d, 6, { overallComment: "" }), /incomplète/],
    ["a missing criterion on submission", (d: string) => ({ ...full(d, 6), scores: [{ criterionKey: "benefits", valueHalf: 6 }] }), /incomplète/],
  ])("refuses %s with a French message", async (_label, make, message) => {
    const before = await counts();
    const r = await saveEvaluation(w.jurors[0]!, w.callId, make(w.agenda[0]!));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.message} ${JSON.stringify(r.fieldErrors ?? {})}`).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses a dossier that is not on this jury's agenda", async () => {
    const before = await counts();
    const r = await saveEvaluation(w.jurors[0]!, w.callId, full(w.otherCallDossier, 6));
    expect(r).toMatchObject({ ok: false, code: "NOT_FOUND", message: expect.stringMatching(/ne fait pas partie/) });
    expect(await counts()).toEqual(before);
  });

  it("deduplicates a replayed offline submission", async () => {
    const op = full(w.agenda[0]!, 6);
    const first = await saveEvaluation(w.jurors[0]!, w.callId, op);
    expect(first).toEqual({ ok: true, data: { revision: 1, submitted: true, replayed: false } });
    const before = await counts();
    const again = await saveEvaluation(w.jurors[0]!, w.callId, { ...op, scores: [{ criterionKey: "benefits", valueHalf: 0 }] });
    expect(again).toEqual({ ok: true, data: { revision: 1, submitted: true, replayed: true } });
    expect(await counts()).toEqual(before);
    // The same opId from another juror is refused, not applied.
    expect(await saveEvaluation(w.jurors[1]!, w.callId, op)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await counts()).toEqual(before);
  });

  it("keeps each revision in the audit trail, and refuses scores on a locked dossier", async () => {
    const j = w.jurors[0]!;
    expect((await saveEvaluation(j, w.callId, { opId: randomUUID(), juryDossierId: w.agenda[0]!, scores: [{ criterionKey: "budget", valueHalf: 9 }] })).ok).toBe(true);
    const events = await db.auditEvent.findMany({ where: { action: "jury.evaluation.saved", actorId: j.userId }, orderBy: { id: "asc" }, select: { data: true } });
    expect(events.map((e) => (e.data as { revision: number }).revision)).toEqual([1, 2]);
    expect((events[1]!.data as { changes: unknown }).changes).toEqual([{ criterion: "budget", from: 6, to: 9 }]);
    // Juror (not chair) cannot lock; the chair can.
    expect(await lockDossier(j, w.callId, w.agenda[0]!)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await lockDossier(w.chair, w.callId, w.agenda[0]!)).ok).toBe(true);
    const before = await counts();
    const r = await saveEvaluation(j, w.callId, full(w.agenda[0]!, 4));
    expect(r).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/verrouillé/) });
    expect(await counts()).toEqual(before);
  });

  it("refuses a grant above the request or beyond the envelope, both figures shown", async () => {
    for (const d of w.agenda) await lockDossier(w.chair, w.callId, d);
    const before = await counts();
    const above = await recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[0], decision: "LAUREATE", grantedCents: "40000001", motivation: "Projet exemplaire et réutilisable." });
    expect(above).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(above.ok ? "" : above.message).toMatch(/400\s000,01\s€.*400\s000\s€/);
    expect(await counts()).toEqual(before);

    const decide = (i: number, grantedCents: bigint) =>
      recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[i], decision: "LAUREATE", grantedCents: String(grantedCents), motivation: "Projet exemplaire et réutilisable." });
    expect((await decide(0, 40_000_000n)).ok).toBe(true);
    expect((await decide(1, 30_000_000n)).ok).toBe(true);
    const before2 = await counts();
    const beyond = await decide(2, 50_000_000n);
    expect(beyond.ok).toBe(false);
    expect(beyond.ok ? "" : beyond.message).toMatch(/1\s200\s000\s€.*1\s000\s000\s€/);
    expect(await counts()).toEqual(before2);
    // A laureate without an amount, or an amount for a non-retained dossier.
    expect((await recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[2], decision: "LAUREATE", motivation: "Projet exemplaire et réutilisable." })).ok).toBe(false);
    expect((await recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[2], decision: "NOT_RETAINED", grantedCents: "100", motivation: "Budget insuffisamment justifié." })).ok).toBe(false);
    expect(await counts()).toEqual(before2);
    const dossier = await db.juryDossier.findUniqueOrThrow({ where: { id: w.agenda[0]! }, select: { dossier: { select: { status: true, grantedCents: true, decidedAt: true } } } });
    expect(dossier.dossier).toMatchObject({ status: "LAUREATE", grantedCents: 40_000_000n });
  });

  it("locks the deliberation only when every dossier is decided, then seals it in the audit chain", async () => {
    expect(await lockDeliberation(w.chair, w.callId)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/2 dossier\(s\)/) });
    for (const i of [2, 3]) {
      expect((await recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[i], decision: i === 2 ? "WAITING_LIST" : "NOT_RETAINED", motivation: "Classé derrière les lauréats." })).ok).toBe(true);
    }
    expect(await lockDeliberation(w.jurors[0]!, w.callId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const locked = await lockDeliberation(w.chair, w.callId);
    expect(locked.ok).toBe(true);
    const call = await db.call.findUniqueOrThrow({ where: { id: w.callId }, select: { deliberationLockedAt: true } });
    expect(call.deliberationLockedAt).not.toBeNull();
    const sealed = await db.auditEvent.findFirstOrThrow({ where: { action: "jury.deliberation.locked", entityId: w.callId }, select: { data: true } });
    expect((sealed.data as { digest: string }).digest).toBe(locked.ok ? locked.data.digest : "");
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const before = await counts();
    expect(await saveEvaluation(w.jurors[1]!, w.callId, full(w.agenda[3]!, 6))).toMatchObject({ ok: false, message: expect.stringMatching(/verrouillé/) });
    expect((await recordDecision(w.chair, w.callId, { juryDossierId: w.agenda[3], decision: "NOT_RETAINED", motivation: "Classé derrière les lauréats." })).ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("renders the locked minutes as a PDF and drafts the applicants' feedback without internal notes", async () => {
    expect(await getMinutes(w.jurors[0]!, await ctx(w.jurors[0]!, w.callId))).toBeNull();
    const minutes = (await getMinutes(w.chair, await ctx(w.chair, w.callId)))!;
    expect(minutes.digest).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await renderMinutesPdf(minutes);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1500);

    expect((await draftFeedbacks(w.jurors[0]!, w.callId)).ok).toBe(false);
    expect(await draftFeedbacks(w.staff, w.callId)).toEqual({ ok: true, data: { drafted: 4 } });
    const draft = await db.juryDossier.findUniqueOrThrow({ where: { id: w.agenda[0]! }, select: { feedbackDraft: true } });
    expect(draft.feedbackDraft).toContain("Le jury a retenu votre projet");
    expect(draft.feedbackDraft).toContain("Projet solide.");
    expect(draft.feedbackDraft).not.toContain("Vigilance sur la maintenance");
  });
});
