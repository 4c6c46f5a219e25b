import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { getMinutes, loadJuryContext } from "@/lib/jury/jury.queries";
import { renderMinutesPdf } from "@/lib/jury/minutes";
import { loadPublishedLaureate, loadPublishedOpenData, loadPublishedResults } from "@/lib/publication/publication.queries";
import { db } from "@/lib/server/db";
import { ANONYMISED_NAME, ERASED_TEXT, anonymisedDossierTitle, anonymisedEmail, type PlanLine } from "./retention";
import { archiveCall, archiveDueCalls, setRetentionPeriod } from "./retention.mutations";
import { buildRetentionPlan } from "./retention.plan";
import { loadRetentionView } from "./retention.queries";
import { retentionPeriodInput } from "./retention.schema";

// A world of its own (unique slugs, names and e-mails): other test files share the database.
const run = randomUUID().slice(0, 8);
const slug = `conservation-${run}`;
const PROBE = `retention_probe_${run}`;
const id = () => randomUUID();
const ids = {
  ministry: id(),
  call: id(),
  otherCall: id(),
  autoCall: id(),
  recentCall: id(),
  adm: { a: id(), b: id(), c: id(), d: id() },
  cat: id(),
  crit: id(),
  d: { laureate: id(), notRetained: id(), notPreselected: id(), draftA: id(), draftC: id(), withdrawn: id(), otherCallDraft: id() },
};
const email = (who: string) => `${who}-${run}@conservation.test`;
const users: Record<string, string> = {};
let admin: Actor, staffOfCall: Actor, globalStaff: Actor, applicant: Actor;
const publishedAt = new Date("2021-02-26T17:00:00Z");
const ACK_KEY = `ack-${run}`;

async function mkUser(key: string, data: { administrationId?: string; grants?: { role: "ADMIN" | "STAFF" | "JURY"; callId: string | null }[]; organisation?: string }) {
  const u = await db.user.create({ data: { email: email(key), name: `Personne ${key}`, passwordHash: "x", administrationId: data.administrationId ?? null, organisation: data.organisation ?? null }, select: { id: true } });
  users[key] = u.id;
  if (data.grants) await db.roleGrant.createMany({ data: data.grants.map((g) => ({ userId: u.id, ...g })) });
  return u.id;
}

beforeAll(async () => {
  await db.ministry.create({ data: { id: ids.ministry, code: `C${run}`, name: `Ministère conservation ${run}` } });
  await db.administration.createMany({
    data: Object.entries(ids.adm).map(([k, admId], i) => ({ id: admId, ministryId: ids.ministry, name: `Administration ${k} ${run}`, kind: "CENTRAL" as const, siret: null, ...(i === 0 ? {} : {}) })),
  });
  const call = (callId: string, s: string, phase: "RESULTS_PUBLISHED" | "OPEN", extra: object = {}) => ({
    id: callId,
    slug: s,
    title: `Appel ${s}`,
    summary: "Résumé",
    description: "Description",
    kind: "CALL" as const,
    phase,
    opensAt: new Date("2020-11-02T08:00:00Z"),
    closesAt: new Date("2020-12-31T22:59:00Z"),
    grantorName: "Direction de test",
    budgetEnvelopeCents: 100_000_000n,
    ...extra,
  });
  await db.call.createMany({
    data: [
      call(ids.call, slug, "RESULTS_PUBLISHED", { resultsPublishedAt: publishedAt, deliberationLockedAt: publishedAt }),
      call(ids.otherCall, `${slug}-autre`, "OPEN", { closesAt: new Date("2031-01-01T00:00:00Z") }),
      call(ids.autoCall, `${slug}-auto`, "RESULTS_PUBLISHED", { resultsPublishedAt: new Date("2021-01-15T10:00:00Z"), retentionMonths: 1 }),
      call(ids.recentCall, `${slug}-recent`, "RESULTS_PUBLISHED", { resultsPublishedAt: new Date("2023-02-20T10:00:00Z"), retentionMonths: 1 }),
    ],
  });
  await db.callCategory.create({ data: { id: ids.cat, callId: ids.call, key: "x", label: "Catégorie X", position: 0 } });
  await db.criterion.create({ data: { id: ids.crit, callId: ids.call, key: "c", label: "Critère unique", weight: 100, position: 0 } });

  await mkUser("agent-a", { administrationId: ids.adm.a });
  await mkUser("agent-b", { administrationId: ids.adm.b });
  await mkUser("agent-c", { administrationId: ids.adm.c });
  await mkUser("agent-d", { administrationId: ids.adm.d });
  await mkUser("juror-1", { grants: [{ role: "JURY", callId: ids.call }], organisation: "Cour des comptes" });
  await mkUser("juror-2", { grants: [{ role: "JURY", callId: ids.call }, { role: "JURY", callId: ids.otherCall }] });
  await mkUser("staff-call", { grants: [{ role: "STAFF", callId: ids.call }] });
  await mkUser("staff-global", { grants: [{ role: "STAFF", callId: null }] });
  await mkUser("admin", { grants: [{ role: "ADMIN", callId: null }] });
  // Outside experts (decision 015): accounts without a role, linked by their opinions only.
  await mkUser("expert-1", {});
  await mkUser("expert-2", {});
  admin = (await loadActor(users.admin!))!;
  staffOfCall = (await loadActor(users["staff-call"]!))!;
  globalStaff = (await loadActor(users["staff-global"]!))!;
  applicant = (await loadActor(users["agent-a"]!))!;

  const dossier = (dossierId: string, administrationId: string, status: string, n: number | null, extra: object = {}, callId = ids.call) => ({
    id: dossierId,
    callId,
    administrationId,
    categoryId: callId === ids.call ? ids.cat : null,
    createdById: users[`agent-${Object.entries(ids.adm).find(([, v]) => v === administrationId)![0]}`]!,
    reference: n === null ? null : `CNS-${run}-${n}`.toUpperCase(),
    title: `Projet ${n ?? "brouillon"} ${run}`,
    summary: `Résumé ${n}`,
    status: status as "DRAFT",
    content: { contact: { name: "Dominique Contact", email: "dominique@example.fr", phone: "0102030405" } },
    requestedCents: 20_000_000n,
    totalCostCents: 40_000_000n,
    submittedAt: n === null ? null : new Date("2020-12-20T10:00:00Z"),
    ...extra,
  });
  await db.dossier.createMany({
    data: [
      dossier(ids.d.laureate, ids.adm.a, "LAUREATE", 1, { grantedCents: 10_000_000n, decidedAt: publishedAt }),
      dossier(ids.d.notRetained, ids.adm.b, "NOT_RETAINED", 2, { decidedAt: publishedAt }),
      dossier(ids.d.notPreselected, ids.adm.d, "NOT_PRESELECTED", 3),
      dossier(ids.d.draftA, ids.adm.a, "DRAFT", null),
      dossier(ids.d.draftC, ids.adm.c, "DRAFT", null),
      dossier(ids.d.withdrawn, ids.adm.b, "WITHDRAWN", 4),
      dossier(ids.d.otherCallDraft, ids.adm.d, "DRAFT", null, {}, ids.otherCall),
    ],
  });
  await db.dossierEvent.createMany({
    data: [
      { dossierId: ids.d.laureate, status: "SUBMITTED", idempotencyKey: ACK_KEY, actorId: users["agent-a"] },
      { dossierId: ids.d.notRetained, status: "SUBMITTED" },
      { dossierId: ids.d.withdrawn, status: "WITHDRAWN", message: "Projet abandonné" },
      { dossierId: ids.d.otherCallDraft, status: "DRAFT" },
    ],
  });

  // Jury: two members, both dossiers on the agenda, comments, a conflict, an offline operation.
  const j1 = await db.juryMember.create({ data: { callId: ids.call, userId: users["juror-1"]!, isChair: true }, select: { id: true } });
  const j2 = await db.juryMember.create({ data: { callId: ids.call, userId: users["juror-2"]!, isChair: false }, select: { id: true } });
  await db.juryMember.create({ data: { callId: ids.otherCall, userId: users["juror-2"]! } });
  const jdL = await db.juryDossier.create({ data: { dossierId: ids.d.laureate, position: 1, decision: "LAUREATE", grantedCents: 10_000_000n, motivation: "Excellent", feedbackDraft: "Brouillon de retour", lockedAt: publishedAt }, select: { id: true } });
  const jdN = await db.juryDossier.create({ data: { dossierId: ids.d.notRetained, position: 2, decision: "NOT_RETAINED", motivation: "Insuffisant", lockedAt: publishedAt }, select: { id: true } });
  for (const [member, jd, value] of [
    [j1.id, jdL.id, 8],
    [j1.id, jdN.id, 4],
    [j2.id, jdL.id, 7],
  ] as const) {
    const ev = await db.juryEvaluation.create({ data: { memberId: member, juryDossierId: jd, overallComment: member === j1.id ? "Commentaire" : null, internalNote: member === j1.id && jd === jdN.id ? "Note interne" : null, submittedAt: publishedAt }, select: { id: true } });
    await db.juryScore.create({ data: { evaluationId: ev.id, criterionId: ids.crit, valueHalf: value, comment: jd === jdL.id ? "Solide" : null } });
  }
  const opinion = (dossierId: string, expert: string) => ({ dossierId, expertId: users[expert]!, requestedById: users["staff-call"]!, message: "Votre avis sur la sécurité", dueAt: new Date("2021-01-20T17:00:00Z") });
  await db.expertOpinion.createMany({
    data: [opinion(ids.d.notRetained, "expert-1"), opinion(ids.d.laureate, "expert-2"), opinion(ids.d.otherCallDraft, "expert-2")],
  });
  await db.juryConflict.create({ data: { memberId: j2.id, juryDossierId: jdN.id, type: "PROFESSIONAL", reason: "Ancien collègue du porteur", source: "DECLARED", status: "CONFIRMED" } });
  await db.juryOperation.create({ data: { opId: `op-${run}`, memberId: j2.id, outcome: { ok: true } } });
  await db.$transaction((tx) => appendAudit(tx, { actorId: users["juror-1"]!, action: "jury.deliberation.locked", entityType: "call", entityId: ids.call, data: { digest: "f".repeat(64), record: { callId: ids.call } } }));

  await db.callReminder.create({ data: { callId: ids.call, userId: users["agent-a"]!, kind: "DEADLINE_7D", occasion: "2020-12-31T22:59:00.000Z" } });
  const mail = (dedupeKey: string, to: string) => ({ dedupeKey, to, subject: `Sujet ${dedupeKey}`, text: "Texte" });
  await db.mailOutbox.createMany({
    data: [
      mail(`dossier-ack:${ACK_KEY}`, email("agent-a")),
      mail(`results-decision:${ids.d.laureate}:${users["agent-a"]}`, email("agent-a")),
      mail(`call-reminder:${ids.call}:DEADLINE_7D:2020-12-31T22:59:00.000Z:${users["agent-a"]}`, email("agent-a")),
      mail(`auth-MAGIC_LINK-${run}`, email("agent-c")),
      mail(`unrelated-${run}`, email("agent-d")),
    ],
  });
  await db.authToken.create({ data: { kind: "MAGIC_LINK", userId: users["agent-c"]!, tokenHash: randomUUID().replaceAll("-", "").padEnd(64, "0"), expiresAt: new Date("2021-01-01") } });
  await db.authAttempt.createMany({
    data: [
      { kind: "password", email: email("agent-c"), ip: "192.0.2.1", succeeded: false },
      { kind: "password", email: email("agent-d"), ip: "192.0.2.2", succeeded: true },
    ],
  });

  // A table the retention module does not name (as another module's annotations would be).
  await db.$executeRawUnsafe(`create table ${PROBE} (id uuid primary key, dossier_id uuid not null references dossier(id) on delete cascade, body text not null)`);
  await db.$executeRawUnsafe(`insert into ${PROBE} values ('${id()}', '${ids.d.laureate}', 'Note sur le lauréat'), ('${id()}', '${ids.d.draftA}', 'Note sur un brouillon'), ('${id()}', '${ids.d.otherCallDraft}', 'Autre appel')`);
});

afterAll(async () => {
  // The drift test compares the schema with the catalogue: leave no extra table.
  await db.$executeRawUnsafe(`drop table if exists ${PROBE}`);
});

/** Row count and a digest of the content of every table. */
async function snapshot(): Promise<Map<string, { rows: number; digest: string }>> {
  const tables = await db.$queryRaw<{ name: string }[]>`select tablename::text as name from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations' order by 1`;
  const out = new Map<string, { rows: number; digest: string }>();
  for (const { name } of tables) {
    const [r] = await db.$queryRawUnsafe<{ rows: number; digest: string | null }[]>(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`);
    out.set(name, { rows: r!.rows, digest: r!.digest ?? "" });
  }
  return out;
}

const lineIds = (lines: PlanLine[], table: string, action: PlanLine["action"], index = 0) => lines.filter((l) => l.table === table && l.action === action)[index]?.rows.map((r) => r.id).sort() ?? [];

describe("data retention of a call", () => {
  it("is for administrators only: others get no listing and change nothing", async () => {
    const before = await snapshot();
    for (const actor of [staffOfCall, globalStaff, applicant]) {
      expect(await loadRetentionView(actor, slug)).toBeNull();
      expect(await archiveCall(actor, { callId: ids.call, digest: "0".repeat(64), forced: "on", confirm: "on" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await setRetentionPeriod(actor, { callId: ids.call, months: 1, version: 1 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the dry-run lists, table by table, exactly the rows of this call to delete or anonymise, and changes nothing", async () => {
    const before = await snapshot();
    const view = (await loadRetentionView(admin, slug, new Date("2022-01-01T00:00:00Z")))!;
    expect(await snapshot()).toEqual(before);
    expect(view.due).toBe(false);
    expect(view.blocker).toBeNull();
    expect(view.call.dueAt!.toISOString()).toBe("2023-02-26T17:00:00.000Z");
    const { lines } = view;
    const sorted = (...xs: (string | undefined)[]) => (xs as string[]).sort();
    expect(lineIds(lines, "dossier", "DELETE")).toEqual(sorted(ids.d.draftA, ids.d.draftC, ids.d.withdrawn));
    expect(lineIds(lines, "dossier", "ANONYMISE", 0)).toEqual(sorted(ids.d.notRetained, ids.d.notPreselected));
    expect(lineIds(lines, "dossier", "ANONYMISE", 1)).toEqual([ids.d.laureate]);
    expect(lines.find((l) => l.table === "dossier_event")!.rows).toHaveLength(3);
    // A table attached to dossiers that the module does not name: deleted with the working data.
    expect(lines.find((l) => l.table === PROBE)!.rows.map((r) => r.label).sort()).toEqual([`Brouillon — Projet brouillon ${run}`, `${`CNS-${run}-1`.toUpperCase()} — Projet 1 ${run}`].sort());
    expect(lines.find((l) => l.table === "jury_operation")!.rows).toHaveLength(1);
    expect(lines.find((l) => l.table === "jury_evaluation")!.rows).toHaveLength(2);
    expect(lines.find((l) => l.table === "jury_score")!.rows).toHaveLength(2);
    expect(lines.find((l) => l.table === "jury_conflict")!.rows).toHaveLength(1);
    expect(lines.find((l) => l.table === "jury_dossier")!.rows).toHaveLength(1);
    expect(lines.find((l) => l.table === "call_reminder")!.rows).toHaveLength(1);
    expect(lines.find((l) => l.table === "mail_outbox")!.rows.map((r) => r.label.split(" — ")[1]).sort()).toEqual(
      [`Sujet dossier-ack:${ACK_KEY}`, `Sujet results-decision:${ids.d.laureate}:${users["agent-a"]}`, `Sujet call-reminder:${ids.call}:DEADLINE_7D:2020-12-31T22:59:00.000Z:${users["agent-a"]}`, `Sujet auth-MAGIC_LINK-${run}`].sort(),
    );
    // Agents, juror and staff of this call only; not the agent whose administration is on another call,
    // not the juror of two calls, not global staff or admins.
    // The expert asked only about this call's dossiers too; not the one also asked about another call's.
    expect(lineIds(lines, "app_user", "ANONYMISE")).toEqual(sorted(users["agent-a"], users["agent-b"], users["agent-c"], users["juror-1"], users["staff-call"], users["expert-1"]));
    expect(lines.find((l) => l.table === "expert_opinion")!.rows).toHaveLength(2);
    expect(lines.find((l) => l.table === "auth_token")!.rows).toHaveLength(1);
    expect(lines.find((l) => l.table === "auth_attempt")!.rows.map((r) => r.label.split(" — ")[0])).toEqual([email("agent-c")]);
  });

  it("refuses to archive before the due date unless forced, and a list other than the one read; nothing changes", async () => {
    const before = await snapshot();
    const plan = await buildRetentionPlan(db, ids.call);
    const early = new Date("2022-01-01T00:00:00Z");
    expect(await archiveCall(admin, { callId: ids.call, digest: plan.digest, confirm: "on" }, early)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "La durée de conservation court jusqu’au 26 février 2023 : pour archiver avant cette date, cochez « Archiver avant l’échéance ».",
    });
    expect(await archiveCall(admin, { callId: ids.call, digest: "a".repeat(64), forced: "on", confirm: "on" }, early)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/ont changé depuis la simulation/) });
    expect(await archiveCall(admin, { callId: ids.otherCall, digest: plan.digest, forced: "on", confirm: "on" })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/résultats sont publiés/) });
    expect(await snapshot()).toEqual(before);
  });

  it("sets the retention period with optimistic concurrency, audited; refuses bad input", async () => {
    expect(retentionPeriodInput.safeParse({ callId: ids.call, months: "0", version: 1 }).error?.issues[0]?.message).toBe("Indiquez un nombre entier de mois entre 1 et 120.");
    expect(retentionPeriodInput.safeParse({ callId: ids.call, months: "2,5", version: 1 }).success).toBe(false);
    const { version } = await db.call.findUniqueOrThrow({ where: { id: ids.call }, select: { version: true } });
    expect(await setRetentionPeriod(admin, { callId: ids.call, months: 36, version })).toEqual({ ok: true, data: { months: 36, version: version + 1 } });
    expect(await setRetentionPeriod(admin, { callId: ids.call, months: 12, version })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.call.findUniqueOrThrow({ where: { id: ids.call }, select: { retentionMonths: true } })).toEqual({ retentionMonths: 36 });
    expect(await db.auditEvent.count({ where: { entityId: ids.call, action: "call.retention_period_set" } })).toBe(1);
    await setRetentionPeriod(admin, { callId: ids.call, months: 24, version: version + 1 });
  });

  it("archives exactly what the dry-run listed; public results, open data, jury record and audit chain stay", async () => {
    const resultsBefore = await loadPublishedResults(slug);
    const openDataBefore = await loadPublishedOpenData(slug);
    expect(resultsBefore!.categories[0]!.laureates.map((l) => l.title)).toEqual([`Projet 1 ${run}`]);
    const plan = await buildRetentionPlan(db, ids.call);
    const before = await snapshot();
    const result = await archiveCall(admin, { callId: ids.call, digest: plan.digest, confirm: "on" }, new Date("2023-02-26T17:00:00Z"));
    const deleted = plan.lines.filter((l) => l.action === "DELETE").reduce((n, l) => n + l.rows.length, 0);
    const anonymised = plan.lines.filter((l) => l.action === "ANONYMISE").reduce((n, l) => n + l.rows.length, 0);
    expect(result).toEqual({ ok: true, data: { slug, deleted, anonymised } });
    const after = await snapshot();

    // Per table: rows deleted = rows listed; tables the plan does not name are untouched.
    const touched = new Set([...plan.lines.filter((l) => l.rows.length > 0).map((l) => l.table), "call", "audit_event"]);
    for (const [table, b] of before) {
      const listedDeletes = plan.lines.filter((l) => l.table === table && l.action === "DELETE").reduce((n, l) => n + l.rows.length, 0);
      expect({ table, rows: after.get(table)!.rows }).toEqual({ table, rows: b.rows - listedDeletes + (table === "audit_event" ? 1 : 0) });
      if (!touched.has(table)) expect({ table, digest: after.get(table)!.digest }).toEqual({ table, digest: b.digest });
    }
    expect(await db.dossier.count({ where: { id: { in: lineIds(plan.lines, "dossier", "DELETE") } } })).toBe(0);
    expect(await db.dossierEvent.count({ where: { dossierId: ids.d.otherCallDraft } })).toBe(1);
    expect(await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${PROBE}`)).toEqual([{ n: 1 }]);

    // Dossiers: laureate public fields kept, answers gone; others anonymous rows.
    const laureate = await db.dossier.findUniqueOrThrow({ where: { id: ids.d.laureate }, select: { title: true, summary: true, grantedCents: true, content: true, createdById: true, status: true } });
    expect(laureate).toEqual({ title: `Projet 1 ${run}`, summary: "Résumé 1", grantedCents: 10_000_000n, content: {}, createdById: null, status: "LAUREATE" });
    const notRetained = await db.dossier.findUniqueOrThrow({ where: { id: ids.d.notRetained }, select: { title: true, summary: true, content: true, status: true, administrationId: true } });
    expect(notRetained).toEqual({ title: anonymisedDossierTitle(`CNS-${run}-2`.toUpperCase()), summary: "", content: {}, status: "NOT_RETAINED", administrationId: ids.adm.b });

    // People: contact data gone, juror keeps the name the minutes show; others untouched.
    const agentA = await db.user.findUniqueOrThrow({ where: { id: users["agent-a"]! }, select: { email: true, name: true, passwordHash: true, disabledAt: true } });
    expect(agentA).toMatchObject({ email: anonymisedEmail(users["agent-a"]!), name: ANONYMISED_NAME, passwordHash: null });
    expect(agentA.disabledAt).not.toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: users["juror-1"]! }, select: { email: true, name: true, organisation: true } })).toEqual({ email: anonymisedEmail(users["juror-1"]!), name: "Personne juror-1", organisation: null });
    expect(await db.user.findUniqueOrThrow({ where: { id: users["expert-1"]! }, select: { email: true, name: true } })).toEqual({ email: anonymisedEmail(users["expert-1"]!), name: ANONYMISED_NAME });
    expect(await db.expertOpinion.count({ where: { dossier: { callId: ids.call } } })).toBe(0);
    expect(await db.expertOpinion.count({ where: { dossierId: ids.d.otherCallDraft } })).toBe(1);
    for (const key of ["agent-d", "juror-2", "staff-global", "admin", "expert-2"]) expect((await db.user.findUniqueOrThrow({ where: { id: users[key]! }, select: { email: true } })).email).toBe(email(key));
    expect(await db.mailOutbox.count({ where: { dedupeKey: `unrelated-${run}` } })).toBe(1);

    // Jury: decisions, motivations and numeric scores kept; free text erased.
    expect(await db.juryDossier.findMany({ where: { dossier: { callId: ids.call } }, orderBy: { position: "asc" }, select: { decision: true, motivation: true, feedbackDraft: true } })).toEqual([
      { decision: "LAUREATE", motivation: "Excellent", feedbackDraft: null },
      { decision: "NOT_RETAINED", motivation: "Insuffisant", feedbackDraft: null },
    ]);
    expect((await db.juryScore.findMany({ where: { criterionId: ids.crit }, select: { valueHalf: true, comment: true } })).sort((a, b) => a.valueHalf - b.valueHalf)).toEqual([
      { valueHalf: 4, comment: null },
      { valueHalf: 7, comment: null },
      { valueHalf: 8, comment: null },
    ]);
    expect(await db.juryConflict.findMany({ where: { juryDossier: { dossier: { callId: ids.call } } }, select: { reason: true, type: true } })).toEqual([{ reason: ERASED_TEXT, type: "PROFESSIONAL" }]);

    // The minutes can still be produced: decisions, motivations, jurors, the sealed digest.
    const minutes = (await getMinutes(admin, (await loadJuryContext(admin, { id: ids.call }))!))!;
    expect(minutes.view.rows.map((r) => [r.title, r.decision, r.motivation])).toEqual([
      [`Projet 1 ${run}`, "LAUREATE", "Excellent"],
      [anonymisedDossierTitle(`CNS-${run}-2`.toUpperCase()), "NOT_RETAINED", "Insuffisant"],
    ]);
    expect(minutes.view.jurors.map((j) => j.name).sort()).toEqual(["Personne juror-1", "Personne juror-2"]);
    expect(minutes.digest).toBe("f".repeat(64));
    expect((await renderMinutesPdf(minutes)).byteLength).toBeGreaterThan(1000);

    // The call is archived; its public results, laureate page and open data read the same.
    expect(await db.call.findUniqueOrThrow({ where: { id: ids.call }, select: { phase: true } })).toEqual({ phase: "ARCHIVED" });
    expect(await loadPublishedResults(slug)).toEqual(resultsBefore);
    expect(await loadPublishedOpenData(slug)).toEqual(openDataBefore);
    expect((await loadPublishedLaureate(slug, `cns-${run}-1`))!.title).toBe(`Projet 1 ${run}`);

    // Audit: the sealed record is untouched, the archive is recorded, the chain verifies.
    expect(await db.auditEvent.count({ where: { entityId: ids.call, action: "jury.deliberation.locked" } })).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: ids.call, action: "call.archived" }, select: { actorId: true, data: true } });
    expect(event).toMatchObject({ actorId: users.admin, data: { digest: plan.digest, forced: false, automatic: false, deleted, anonymised } });
    expect(JSON.stringify(event.data)).not.toContain("@conservation.test");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("an archived call is not archived again and keeps its retention period", async () => {
    expect(await archiveCall(admin, { callId: ids.call, digest: "0".repeat(64), forced: "on", confirm: "on" })).toMatchObject({ ok: false, code: "CONFLICT", message: "Cet appel est déjà archivé." });
    expect(await setRetentionPeriod(admin, { callId: ids.call, months: 12, version: 99 })).toMatchObject({ ok: false, code: "CONFLICT" });
    const view = (await loadRetentionView(admin, slug))!;
    expect(view.blocker).toBe("Cet appel est déjà archivé.");
  });

  it("the scheduler archives calls whose retention period has passed, once, without anyone asking", async () => {
    const at = new Date("2023-03-01T00:00:00Z");
    const [first, second] = await Promise.all([archiveDueCalls(db, at), archiveDueCalls(db, at)]);
    expect([...first, ...second].filter((s) => s.startsWith(slug))).toEqual([`${slug}-auto`]);
    expect(await db.call.findMany({ where: { id: { in: [ids.autoCall, ids.recentCall] } }, orderBy: { slug: "asc" }, select: { slug: true, phase: true } })).toEqual([
      { slug: `${slug}-auto`, phase: "ARCHIVED" },
      { slug: `${slug}-recent`, phase: "RESULTS_PUBLISHED" },
    ]);
    expect(await db.auditEvent.findMany({ where: { entityId: ids.autoCall, action: "call.archived" }, select: { actorId: true, data: true } })).toMatchObject([{ actorId: null, data: { automatic: true } }]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
