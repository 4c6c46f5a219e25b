/**
 * The fuzz kit (./fuzz.ts) applied to every mutation of the app, as every
 * role: broken input (wrong types, missing keys, oversize, impossible values)
 * must be refused with a French message, never throw (a 500), and write
 * nothing — row counts of every table a mutation could write, the audit log,
 * and a fingerprint of every fixture row (updates do not change counts).
 * Hostile *content* (SQL, HTML, Unicode edge cases) in the text fields a
 * mutation stores is either refused cleanly or stored exactly as typed.
 *
 * Mutations typed `Actor` (not `Viewer`) never see an anonymous visitor: their
 * server actions and route handlers answer UNAUTHENTICATED first. The anonymous
 * role goes through that same guard (`authenticated` below); mutations typed
 * `Viewer` (invitations) receive `null` themselves.
 *
 * Bounded and seeded (FUZZ_SEED; 10 runs per property and role unless
 * FUZZ_RUNS is set, to keep the file near two minutes); for a campaign:
 * FUZZ_RUNS=100 FUZZ_SEED=$RANDOM npx vitest run <this file>.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor, Viewer } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { requestMagicLink, requestPasswordReset, resetPassword, signInWithMagicLink } from "@/lib/auth/email-link.mutations";
import { emailLinkRequestSchema } from "@/lib/auth/email-link.schema";
import { hashToken } from "@/lib/auth/email-token";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/auth/invitation.mutations";
import { checkPassword } from "@/lib/auth/sign-in.mutations";
import { verifyAuditChain } from "@/lib/audit/audit";
import { COMPLETE_STEPS } from "@/lib/dossiers/dossier.fixtures";
import { createDraft, requestCorrection, saveStep, submitDossier, withdrawDossier } from "@/lib/dossiers/dossier.mutations";
import { removeAttachment, uploadAttachment } from "@/lib/files/attachment.mutations";
import { LocalDiskStorage } from "@/lib/files/storage";
import * as jury from "@/lib/jury/jury.mutations";
import { publishResults } from "@/lib/publication/publication.mutations";
import { deleteInboxView, renameInboxView, saveInboxView } from "@/lib/review/inbox-view.mutations";
import { normaliseViewQuery } from "@/lib/review/inbox-view.schema";
import { requestExportJob } from "@/lib/review/export-job";
import { giveOpinion, requestOpinion } from "@/lib/review/opinion.mutations";
import { db } from "@/lib/server/db";
import { fail } from "@/lib/server/result";
import {
  assertRejectsCleanly,
  brokenInput,
  frenchMessageProblem,
  FUZZ_RUNS,
  fuzzMutation,
  fuzzParameters,
  hostileContentInput,
  hostileString,
  rowCounts,
  type MutationResult,
  type RowCounts,
} from "./fuzz";

/** Runs per property and per role (9 roles × ~25 properties): 10 unless FUZZ_RUNS is set. */
const RUNS = process.env.FUZZ_RUNS ? FUZZ_RUNS : 10;
// A longer campaign needs proportionally longer tests (30 s covers 10 runs × 9 roles on a loaded machine).
vi.setConfig({ testTimeout: 30_000 * Math.max(1, RUNS / 10) });

const run = randomUUID().slice(0, 8);
const ids = {
  ministry: randomUUID(),
  adminA: randomUUID(),
  adminB: randomUUID(),
  openCall: randomUUID(),
  juryCall: randomUUID(),
  otherCall: randomUUID(),
  category: randomUUID(),
};
const slugs = { open: `fuzz-open-${run}`, jury: `fuzz-jury-${run}`, other: `fuzz-other-${run}` };
const KEYS = ["benefits", "technical"];
const IP = "203.0.113.7";
const ORIGIN = "https://laureat.test";

type Roles = {
  owner: Actor;
  applicantB: Actor;
  staff: Actor;
  otherStaff: Actor;
  juror: Actor;
  conflictedJuror: Actor;
  chair: Actor;
  admin: Actor;
};
let roles: Roles;
/** Fixture ids filled in by beforeAll. */
const f = {
  draft: "",
  hostileDraft: "",
  submitted: "",
  attachment: "",
  agenda: [] as string[],
  jurorMember: "",
  conflictId: "",
  invitationId: "",
  invitationToken: randomBytes(32).toString("base64url"),
  resetToken: randomBytes(32).toString("base64url"),
  magicToken: randomBytes(32).toString("base64url"),
  view: "",
  opinion: "",
};

/** Every role, anonymous included (`null`). */
const everyone = (): Record<string, Viewer> => ({ anonyme: null, ...roles });

/** The authentication step every server action and route handler runs before an `Actor`-typed mutation. */
function authenticated(mutation: (actor: Actor, input: unknown) => Promise<MutationResult>) {
  return (viewer: Viewer, input: unknown): Promise<MutationResult> => (viewer ? mutation(viewer, input) : Promise.resolve(fail("UNAUTHENTICATED")));
}

/** A field of the fuzzed input (whatever its shape), for mutations taking string parameters. */
function field(input: unknown, key: string): string {
  return (input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>)[key] : undefined) as string;
}
/** The fuzzed input without `callId`, or the input itself when it is not an object. */
function rest(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const { callId: _callId, ...others } = input as Record<string, unknown>;
  return others;
}

const TABLES = [
  "call",
  "dossier",
  "dossier_event",
  "dossier_attachment",
  "mail_outbox",
  "jury_member",
  "jury_dossier",
  "jury_conflict",
  "jury_evaluation",
  "jury_score",
  "jury_operation",
  "invitation",
  "app_user",
  "role_grant",
  "auth_token",
  "auth_attempt",
  "inbox_view",
  "expert_opinion",
  "export_job",
];

/**
 * Row counts plus a fingerprint of every fixture row: updates (a status, a
 * lock, a version) change no count but do change the fingerprint.
 */
async function snapshot(): Promise<RowCounts> {
  const counts = await rowCounts(db, TABLES);
  const calls = [ids.openCall, ids.juryCall, ids.otherCall];
  const [row] = await db.$queryRaw<{ h: number | null }[]>`
    select hashtext(string_agg(x, '|' order by x)) as h from (
      select c::text as x from call c where c.id = any(${calls}::uuid[])
      union all select d::text from dossier d where d.call_id = any(${calls}::uuid[])
      union all select jd::text from jury_dossier jd join dossier d on d.id = jd.dossier_id where d.call_id = any(${calls}::uuid[])
      union all select m::text from jury_member m where m.call_id = any(${calls}::uuid[])
      union all select jc::text from jury_conflict jc join jury_member m on m.id = jc.member_id where m.call_id = any(${calls}::uuid[])
      union all select i::text from invitation i where i.email like ${`%${run}%`}
      union all select u::text from app_user u where u.email like ${`%${run}%`}
      union all select t::text from auth_token t join app_user u on u.id = t.user_id where u.email like ${`%${run}%`}
      union all select v::text from inbox_view v join app_user u on u.id = v.user_id where u.email like ${`%${run}%`}
      union all select o::text from expert_opinion o join dossier d on d.id = o.dossier_id where d.call_id = any(${calls}::uuid[])
    ) rows`;
  return { ...counts, fixtures: Number(row?.h ?? 0) };
}

/** Like `fuzzMutation`, with a custom arbitrary of broken inputs. */
async function fuzzWith<A>(options: {
  name: string;
  actors: Record<string, A>;
  inputs: fc.Arbitrary<unknown>;
  mutation: (actor: A, input: unknown) => Promise<MutationResult>;
  runs?: number;
}) {
  for (const [role, actor] of Object.entries(options.actors)) {
    await fc.assert(
      fc.asyncProperty(options.inputs, async (input) => {
        await assertRejectsCleanly({ mutation: options.mutation, actor, input, snapshot }).catch((error: Error) => {
          throw new Error(`${options.name}, rôle ${role} : ${error.message}`);
        });
      }),
      fuzzParameters(options.runs ?? RUNS),
    );
  }
}

/** Hostile content for one role: refused cleanly, or accepted and `stored` reads back exactly what was sent. */
async function hostileContent(options: {
  name: string;
  valid: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  mutation: (input: Record<string, unknown>) => Promise<MutationResult>;
  stored: (input: Record<string, unknown>, result: MutationResult & { ok: true }) => Promise<unknown>;
  expected: (input: Record<string, unknown>) => unknown;
  runs?: number;
}) {
  const outcomes = { accepted: 0, refused: 0 };
  const valid = await options.valid();
  await fc.assert(
    fc.asyncProperty(hostileContentInput(valid), async (template) => {
      // Fresh ids (a new draft, a new version…) for each run, the hostile field kept.
      const fresh = await options.valid();
      const changed = Object.keys(valid).find((k) => template[k] !== valid[k]);
      const input: Record<string, unknown> = { ...template, ...fresh, ...(changed ? { [changed]: template[changed] } : {}) };
      const before = await snapshot();
      let result: MutationResult;
      try {
        result = await options.mutation(input);
      } catch (error) {
        throw new Error(`${options.name} : exception (ce serait une erreur 500) : ${(error as Error).message}`);
      }
      if (result.ok) {
        outcomes.accepted++;
        expect(await options.stored(input, result), `${options.name} : contenu enregistré`).toEqual(options.expected(input));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      } else {
        outcomes.refused++;
        expect(await snapshot(), `${options.name} : écriture malgré le refus`).toEqual(before);
        for (const m of [result.message, ...Object.values(result.fieldErrors ?? {}).flat()]) if (m !== undefined) expect(frenchMessageProblem(m), `${options.name} : ${m}`).toBeNull();
      }
    }),
    fuzzParameters(options.runs ?? RUNS),
  );
  return outcomes;
}

// ---------------------------------------------------------------- fixtures

async function person(key: string, data: { administrationId?: string; organisation?: string }, grants: { role: "APPLICANT" | "STAFF" | "JURY" | "ADMIN"; callId: string | null }[]) {
  const id = randomUUID();
  await db.user.create({ data: { id, email: `${key}-${run}@fuzz.laureat.fr`, name: `Personne ${key}`, administrationId: data.administrationId ?? null, organisation: data.organisation ?? null } });
  if (grants.length) await db.roleGrant.createMany({ data: grants.map((g) => ({ userId: id, ...g })) });
  return id;
}

async function newDraft(): Promise<string> {
  const content = { ...COMPLETE_STEPS, category: { categoryKey: "fuzz" } };
  const d = await db.dossier.create({
    data: { callId: ids.openCall, administrationId: ids.adminA, createdById: roles.owner.userId, title: "", summary: "", content: content as object },
    select: { id: true },
  });
  return d.id;
}

beforeAll(async () => {
  // Every refusal is logged for the operators (console.warn): thousands here.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await db.ministry.create({ data: { id: ids.ministry, code: `Z${run}`, name: `Ministère du fuzzing ${run}` } });
  await db.administration.createMany({
    data: [
      { id: ids.adminA, ministryId: ids.ministry, name: `Administration A ${run}`, kind: "CENTRAL" },
      { id: ids.adminB, ministryId: ids.ministry, name: `Administration B ${run}`, kind: "OPERATOR" },
    ],
  });
  const call = (id: string, slug: string, phase: "OPEN" | "AUDITIONS") => ({
    id,
    slug,
    title: `Appel ${slug}`,
    summary: "Résumé",
    description: "Description",
    kind: "CALL" as const,
    phase,
    opensAt: new Date("2020-01-01T00:00:00Z"),
    closesAt: phase === "OPEN" ? new Date("2099-01-01T00:00:00Z") : new Date("2020-06-01T00:00:00Z"),
    budgetEnvelopeCents: 100_000_000n,
  });
  await db.call.createMany({ data: [call(ids.openCall, slugs.open, "OPEN"), call(ids.juryCall, slugs.jury, "AUDITIONS"), call(ids.otherCall, slugs.other, "AUDITIONS")] });
  await db.callCategory.create({ data: { id: ids.category, callId: ids.openCall, key: "fuzz", label: "Catégorie", position: 0 } });
  for (const callId of [ids.juryCall, ids.otherCall]) {
    await db.criterion.createMany({ data: KEYS.map((key, position) => ({ callId, key, label: `Critère ${key}`, weight: 50, position })) });
    await db.scoringGrid.create({ data: { callId, stepHalf: 1, commentMode: "OVERALL", contestedSpreadHalf: 4, cutSize: 1, tieBreak: KEYS } });
  }

  const userIds = {
    owner: await person("owner", { administrationId: ids.adminA }, [{ role: "APPLICANT", callId: null }]),
    applicantB: await person("applicant-b", { administrationId: ids.adminB }, [{ role: "APPLICANT", callId: null }]),
    staff: await person("staff", {}, [
      { role: "STAFF", callId: ids.openCall },
      { role: "STAFF", callId: ids.juryCall },
    ]),
    otherStaff: await person("other-staff", {}, [{ role: "STAFF", callId: ids.otherCall }]),
    juror: await person("juror", { organisation: "Université de test" }, [{ role: "JURY", callId: ids.juryCall }]),
    conflictedJuror: await person("conflicted", {}, [{ role: "JURY", callId: ids.juryCall }]),
    chair: await person("chair", {}, [{ role: "JURY", callId: ids.juryCall }]),
    admin: await person("admin", {}, [{ role: "ADMIN", callId: null }]),
  };
  const loaded = Object.fromEntries(await Promise.all(Object.entries(userIds).map(async ([k, id]) => [k, (await loadActor(id))!]))) as Roles;
  roles = loaded;

  f.draft = await newDraft();
  f.hostileDraft = await newDraft();
  f.attachment = (
    await db.dossierAttachment.create({
      data: { id: randomUUID(), dossierId: f.draft, storageKey: randomUUID(), fileName: "budget.pdf", mimeType: "application/pdf", sizeBytes: 8, sha256: "0".repeat(64), uploadedById: roles.owner.userId },
      select: { id: true },
    })
  ).id;
  f.submitted = (
    await db.dossier.create({
      data: { callId: ids.openCall, administrationId: ids.adminA, createdById: roles.owner.userId, title: "Déposé", summary: "Déposé", status: "SUBMITTED", reference: `FUZ-${run}-1`, submittedAt: new Date() },
      select: { id: true },
    })
  ).id;
  for (const [i, callId] of [ids.juryCall, ids.juryCall, ids.otherCall].entries()) {
    const d = await db.dossier.create({
      data: { callId, administrationId: i === 1 ? ids.adminB : ids.adminA, title: `Dossier ${i}`, summary: "Résumé", status: "PRESELECTED", requestedCents: 10_000_000n, reference: `FUZ-${run}-J${i}` },
      select: { id: true },
    });
    f.agenda.push((await db.juryDossier.create({ data: { dossierId: d.id, position: i + 1 }, select: { id: true } })).id);
  }
  const now = new Date();
  const member = async (userId: string, isChair = false) =>
    (await db.juryMember.create({ data: { callId: ids.juryCall, userId, isChair, confidentialityAcceptedAt: now, declaredAt: now }, select: { id: true } })).id;
  f.jurorMember = await member(userIds.juror);
  const conflicted = await member(userIds.conflictedJuror);
  await member(userIds.chair, true);
  f.conflictId = (
    await db.juryConflict.create({ data: { memberId: conflicted, juryDossierId: f.agenda[0]!, type: "PERSONAL", reason: "Ancien collègue.", source: "DECLARED", status: "CONFIRMED" }, select: { id: true } })
  ).id;

  f.view = randomUUID();
  await db.inboxView.create({ data: { id: f.view, userId: userIds.staff, callId: ids.openCall, name: "Vue du fuzz", query: "statut=SUBMITTED" } });

  // An outside opinion asked to the "juror" person (any account can be an expert), with a yes/no question.
  f.opinion = randomUUID();
  await db.expertOpinion.create({
    data: { id: f.opinion, dossierId: f.submitted, expertId: userIds.juror, requestedById: userIds.staff, message: "Votre avis sur le budget.", question: "Le budget est-il réaliste ?", dueAt: new Date(Date.now() + 7 * 86_400_000) },
  });

  f.invitationId = randomUUID();
  await db.invitation.create({
    data: { id: f.invitationId, email: `invited-${run}@fuzz.laureat.fr`, name: "Invitée", kind: "STAFF", invitedById: userIds.admin, tokenHash: hashToken(f.invitationToken), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const expiresAt = new Date(Date.now() + 3_600_000);
  await db.authToken.createMany({
    data: [
      { userId: userIds.owner, kind: "PASSWORD_RESET", tokenHash: hashToken(f.resetToken), expiresAt },
      { userId: userIds.owner, kind: "MAGIC_LINK", tokenHash: hashToken(f.magicToken), expiresAt },
    ],
  });
});

afterAll(async () => {
  // The audit log is append-only and stays; everything else created here goes.
  await db.dossier.deleteMany({ where: { administrationId: { in: [ids.adminA, ids.adminB] } } });
  await db.invitation.deleteMany({ where: { email: { contains: run } } });
  await db.authAttempt.deleteMany({ where: { ip: IP } });
  await db.user.deleteMany({ where: { email: { contains: run } } });
  await db.call.deleteMany({ where: { id: { in: [ids.openCall, ids.juryCall, ids.otherCall] } } });
  await db.administration.deleteMany({ where: { ministryId: ids.ministry } });
  await db.ministry.delete({ where: { id: ids.ministry } });
  vi.mocked(console.warn).mockRestore();
});

// ---------------------------------------------------------------- dossiers

const projectValues = () => ({ title: "Tableau de bord des délais", summary: COMPLETE_STEPS.project!.summary, durationMonths: 12 });

describe("fuzz: dossier mutations, every role", () => {
  it("createDraft (the call's slug)", async () => {
    await fuzzMutation({
      name: "dossier.create",
      actors: everyone(),
      valid: { callSlug: slugs.open },
      mutation: authenticated((a, i) => createDraft(a, field(i, "callSlug"))),
      snapshot,
      runs: RUNS,
    });
  });

  it("saveStep: the envelope (dossier, step, version)", async () => {
    await fuzzMutation({
      name: "dossier.save",
      actors: everyone(),
      valid: { dossierId: f.draft, step: "project", version: 1 },
      // The values stay valid: only the envelope is broken here.
      mutation: authenticated((a, i) => saveStep(a, i !== null && typeof i === "object" && !Array.isArray(i) ? { ...i, values: projectValues() } : i)),
      snapshot,
      runs: RUNS,
    });
  });

  it("saveStep: the values of a step (a draft may leave a field empty, never malformed)", async () => {
    const valid = projectValues();
    // Empty (missing, null, "") is a legitimate draft: every other broken value must be refused.
    const broken = brokenInput(valid, { also: { durationMonths: [0, -1, 61, 1.5], title: ["abc"] } }).filter(
      (v) => v === null || typeof v !== "object" || Array.isArray(v) || Object.keys(valid).every((k) => k in v && ![null, undefined, ""].includes((v as Record<string, unknown>)[k] as never)),
    );
    await fuzzWith({
      name: "dossier.save (valeurs)",
      actors: everyone(),
      inputs: broken,
      mutation: authenticated((a, values) => saveStep(a, { dossierId: f.draft, step: "project", version: 1, values })),
    });
  });

  it("submitDossier", async () => {
    await fuzzMutation({
      name: "dossier.submit",
      actors: everyone(),
      valid: { dossierId: f.draft, idempotencyKey: `fuzz-${run}-0000000000` },
      mutation: authenticated(submitDossier),
      snapshot,
      runs: RUNS,
    });
  });

  it("withdrawDossier", async () => {
    await fuzzMutation({
      name: "dossier.withdraw",
      actors: everyone(),
      valid: { dossierId: f.draft, reason: "Le projet est abandonné." },
      mutation: authenticated(withdrawDossier),
      snapshot,
      runs: RUNS,
    });
  });

  it("requestCorrection", async () => {
    await fuzzMutation({
      name: "dossier.requestCorrection",
      actors: everyone(),
      valid: { dossierId: f.submitted, message: "Merci de préciser le budget de l’année 2027." },
      mutation: authenticated(requestCorrection),
      snapshot,
      runs: RUNS,
    });
  });
});

// ---------------------------------------------------------------- attachments

describe("fuzz: attachment mutations, every role", () => {
  // A store of its own: nothing refused may leave a file in it either.
  const storage = new LocalDiskStorage(path.join(tmpdir(), `laureat-fuzz-files-${run}`));
  const pdf = Buffer.from("%PDF-1.7\n%%EOF\n");

  it("uploadAttachment (the dossier, the file name; the body is a real PDF)", async () => {
    await fuzzMutation({
      name: "attachment.upload",
      actors: everyone(),
      valid: { dossierId: f.draft, fileName: "budget.pdf" },
      mutation: authenticated((a, i) => uploadAttachment(a, { dossierId: field(i, "dossierId"), fileName: field(i, "fileName"), declaredBytes: pdf.length, body: Readable.from([pdf]) }, storage)),
      snapshot,
      runs: RUNS,
    });
  });

  it("removeAttachment", async () => {
    await fuzzMutation({
      name: "attachment.remove",
      actors: everyone(),
      valid: { dossierId: f.draft, attachmentId: f.attachment },
      mutation: authenticated((a, i) => removeAttachment(a, i, storage)),
      snapshot,
      runs: RUNS,
    });
  });
});

// ---------------------------------------------------------------- jury

describe("fuzz: jury mutations, every role", () => {
  const onCall = (name: string, extra: () => Record<string, unknown>, mutation: (a: Actor, callId: string, input: unknown) => Promise<MutationResult>) =>
    it(name, async () => {
      await fuzzMutation({
        name: `jury.${name}`,
        actors: everyone(),
        valid: { callId: ids.juryCall, ...extra() },
        mutation: authenticated((a, i) => mutation(a, field(i, "callId"), rest(i))),
        snapshot,
        runs: RUNS,
      });
    });

  onCall("acceptConfidentiality", () => ({}), (a, c) => jury.acceptConfidentiality(a, c));
  onCall("declareConflict", () => ({ juryDossierId: f.agenda[1], type: "PROFESSIONAL", reason: "Ancienne collègue du chef de projet." }), jury.declareConflict);
  onCall("completeDeclarations", () => ({}), (a, c) => jury.completeDeclarations(a, c));
  onCall("addConflictAsStaff", () => ({ memberId: f.jurorMember, juryDossierId: f.agenda[1], type: "OTHER", reason: "Signalé par l’équipe du programme." }), jury.addConflictAsStaff);
  onCall("reviewConflict", () => ({ conflictId: f.conflictId, status: "DISMISSED" }), jury.reviewConflict);
  onCall("proposeConflicts", () => ({}), (a, c) => jury.proposeConflicts(a, c));
  onCall("saveEvaluation", () => ({ opId: `fuzz-op-${run}`, juryDossierId: f.agenda[1] }), jury.saveEvaluation);
  onCall("lockDossier", () => ({ juryDossierId: f.agenda[1] }), (a, c, i) => jury.lockDossier(a, c, field(i, "juryDossierId")));
  onCall("recordDecision", () => ({ juryDossierId: f.agenda[1], decision: "NOT_RETAINED", motivation: "Projet insuffisamment mûr pour un cofinancement." }), jury.recordDecision);
  onCall("lockDeliberation", () => ({}), (a, c) => jury.lockDeliberation(a, c));
  onCall("draftFeedbacks", () => ({}), (a, c) => jury.draftFeedbacks(a, c));
  onCall("releaseFeedbacks", () => ({}), (a, c) => jury.releaseFeedbacks(a, c));
  onCall("saveFeedback", () => ({ juryDossierId: f.agenda[1], text: "Retour relu par l’équipe du programme." }), jury.saveFeedback);
  onCall(
    "saveScoringGrid",
    () => ({
      scaleMaxHalf: 10,
      stepHalf: 1,
      commentMode: "OVERALL",
      contestedSpreadHalf: 3,
      cutSize: 1,
      tieBreak: KEYS,
      criteria: KEYS.map((key) => ({ key, helpText: null, weight: 100 / KEYS.length, thresholdHalf: null })),
    }),
    jury.saveScoringGrid,
  );

  it("saveEvaluation: a 36-character call id that is not a UUID (the sync route once let it through)", async () => {
    for (const callId of ["-".repeat(36), "0".repeat(36)]) {
      const result = await assertRejectsCleanly({
        mutation: authenticated((a, i) => jury.saveEvaluation(a, callId, i)),
        actor: roles.juror as Viewer,
        input: { opId: `fuzz-op-${run}`, juryDossierId: f.agenda[1] },
        snapshot,
      });
      expect(result.code).toBe("FORBIDDEN");
    }
  });
});

// ---------------------------------------------------------------- publication

describe("fuzz: publication, every role", () => {
  it("publishResults", async () => {
    await fuzzMutation({
      name: "publication.publish",
      actors: everyone(),
      valid: { callId: ids.juryCall },
      mutation: authenticated((a, i) => publishResults(a, field(i, "callId"))),
      snapshot,
      runs: RUNS,
    });
  });
});

// ---------------------------------------------------------------- saved inbox views

describe("fuzz: saved inbox views, every role", () => {
  it("saveInboxView", async () => {
    await fuzzMutation({
      name: "review.view.save",
      actors: everyone(),
      valid: { callId: ids.openCall, name: "Vue fuzz neuve", query: "statut=SUBMITTED&tri=title" },
      mutation: authenticated(saveInboxView),
      snapshot,
      runs: RUNS,
    });
  });

  it("renameInboxView", async () => {
    await fuzzMutation({ name: "review.view.rename", actors: everyone(), valid: { viewId: f.view, name: "Vue renommée" }, mutation: authenticated(renameInboxView), snapshot, runs: RUNS });
  });

  it("deleteInboxView", async () => {
    await fuzzMutation({ name: "review.view.delete", actors: everyone(), valid: { viewId: f.view }, mutation: authenticated(deleteInboxView), snapshot, runs: RUNS });
  });

  it("a view's name and query: hostile content refused cleanly or stored exactly (the query normalised by the inbox's parser)", async () => {
    let n = 0;
    await hostileContent({
      name: "review.view.save",
      // A fresh name for each run, and each accepted view removed: the 20-view cap and duplicate names stay out of the way.
      valid: () => ({ callId: ids.openCall, name: `Vue hostile ${run} ${n++}`, query: "statut=SUBMITTED" }),
      mutation: (input) => saveInboxView(roles.staff, input),
      stored: async (_input, result) => {
        const view = await db.inboxView.findUniqueOrThrow({ where: { id: (result.data as { id: string }).id }, select: { name: true, query: true } });
        await db.inboxView.delete({ where: { id: (result.data as { id: string }).id } });
        return view;
      },
      expected: (input) => ({ name: String(input.name).trim(), query: normaliseViewQuery(String(input.query)).query }),
    });
  });
});

// ---------------------------------------------------------------- background exports

describe("fuzz: background exports, every role", () => {
  it("requestExportJob", async () => {
    await fuzzMutation({
      name: "review.export.job",
      actors: everyone(),
      valid: { slug: slugs.open, format: "csv", query: "statut=SUBMITTED" },
      mutation: authenticated(requestExportJob),
      snapshot,
      runs: RUNS,
    });
  });
});

// ---------------------------------------------------------------- outside opinions

describe("fuzz: outside opinions, every role", () => {
  const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

  it("requestOpinion", async () => {
    await fuzzMutation({
      name: "review.opinion.request",
      actors: everyone(),
      valid: { dossierId: f.submitted, email: `expert-${run}@fuzz.laureat.fr`, name: "Experte du fuzz", message: "Votre avis sur la sécurité du projet.", question: "Faut-il un audit ?", dueDate: inTenDays(), confidential: false },
      mutation: authenticated(requestOpinion),
      snapshot,
      runs: RUNS,
    });
  });

  it("giveOpinion", async () => {
    await fuzzMutation({
      name: "review.opinion.give",
      actors: everyone(),
      valid: { opinionId: f.opinion, opinion: "Le budget est réaliste et bien détaillé.", answer: "oui" },
      mutation: authenticated(giveOpinion),
      snapshot,
      runs: RUNS,
    });
  });

  it("an opinion's text: hostile content refused cleanly or stored exactly", async () => {
    let expert: Actor | null = null;
    await hostileContent({
      name: "review.opinion.give",
      // A fresh request for each run: an opinion is given once.
      valid: async () => {
        const id = randomUUID();
        const expertId = await person(`expert-${id.slice(0, 8)}`, {}, []);
        await db.expertOpinion.create({ data: { id, dossierId: f.submitted, expertId, message: "Avis demandé.", dueAt: new Date(Date.now() + 86_400_000) } });
        expert = (await loadActor(expertId))!;
        return { opinionId: id, opinion: "Un avis tout à fait valide." };
      },
      mutation: (input) => giveOpinion(expert!, input),
      stored: async (input) => (await db.expertOpinion.findUniqueOrThrow({ where: { id: String(input.opinionId) }, select: { opinion: true } })).opinion,
      expected: (input) => String(input.opinion).trim(),
    });
  });
});

// ---------------------------------------------------------------- invitations

describe("fuzz: invitations, every role", () => {
  it("createInvitation", async () => {
    await fuzzMutation({
      name: "invitation.create",
      actors: everyone(),
      valid: { email: `new-${run}@fuzz.laureat.fr`, name: "Camille Invitée", kind: "STAFF" },
      mutation: (v, i) => createInvitation(v, i, ORIGIN),
      snapshot,
      runs: RUNS,
    });
  });

  it("revokeInvitation", async () => {
    await fuzzMutation({ name: "invitation.revoke", actors: everyone(), valid: { invitationId: f.invitationId }, mutation: (v, i) => revokeInvitation(v, i), snapshot, runs: RUNS });
  });

  it("acceptInvitation (no session: the token is the credential)", async () => {
    await fuzzMutation({ name: "invitation.accept", actors: { anonyme: null }, valid: { token: f.invitationToken }, mutation: (_v, i) => acceptInvitation(i, IP), snapshot, runs: RUNS * 3 });
  });
});

// ---------------------------------------------------------------- sign-in and e-mail links

/**
 * These answer neutrally (no Result): what the server action passes them is
 * checked here, through the same zod schema the action applies first.
 * Allowed writes: one rate-limit row (auth_attempt) and the audit events of a
 * failed attempt; never a token, an e-mail, an account or a session.
 */
describe("fuzz: sign-in and e-mail links", () => {
  // Mostly addresses the schema lets through (quotes are valid in an address), so that the mutation is reached.
  const hostileEmail = fc.oneof(
    { weight: 1, arbitrary: hostileString() },
    { weight: 1, arbitrary: hostileString().map((s) => `${s}@fuzz.laureat.fr`) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom("o'brien", "x'or'1'='1x", "a'--b", "'''a", "a+b", "x.y_z"), fc.nat(999))
        .map(([local, n]) => `${local}${n}@FUZZ.laureat.fr `),
    },
  );
  /** Counts that may change, by how much at most. */
  const onlyGrew = (before: RowCounts, after: RowCounts, allowed: Record<string, number>) => {
    for (const [table, n] of Object.entries(after)) {
      if (table === "fixtures") continue;
      const delta = n - before[table]!;
      expect(delta, `table ${table}`).toBeGreaterThanOrEqual(0);
      expect(delta, `table ${table}`).toBeLessThanOrEqual(allowed[table] ?? 0);
    }
  };

  for (const [name, request] of [
    ["requestMagicLink", requestMagicLink],
    ["requestPasswordReset", requestPasswordReset],
  ] as const) {
    it(`${name}: refused by the action's schema, or one neutral answer and a rate-limit row only`, async () => {
      let reached = 0;
      await fc.assert(
        fc.asyncProperty(hostileEmail, async (raw) => {
          const parsed = emailLinkRequestSchema.safeParse({ email: raw });
          if (!parsed.success) {
            for (const m of parsed.error.issues.map((i) => i.message)) expect(frenchMessageProblem(m), m).toBeNull();
            return;
          }
          // Hostile addresses belong to no account: nothing but the attempt is recorded.
          if (parsed.data.email.includes(run)) return;
          const before = await snapshot();
          const result = await request(parsed.data.email, IP, ORIGIN);
          expect(result === null || typeof result !== "object" ? result : Object.keys(result).sort()).toEqual(result.ok ? ["ok"] : ["ok", "reason"]);
          const after = await snapshot();
          onlyGrew(before, after, { auth_attempt: 1 });
          expect(after.fixtures).toBe(before.fixtures);
          reached++;
        }),
        fuzzParameters(RUNS * 2),
      );
      expect(reached).toBeGreaterThan(0);
    });
  }

  it("checkPassword: never throws, the same answer for every unknown address or wrong password", async () => {
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(hostileEmail, hostileString(), async (raw, password) => {
        const parsed = emailLinkRequestSchema.safeParse({ email: raw });
        if (!parsed.success || password.length === 0 || password.length > 200) return; // the sign-in schema refuses these first
        const before = await snapshot();
        const result = await checkPassword(parsed.data.email, password, IP);
        expect(result.ok).toBe(false);
        expect(Object.keys(result).sort()).toEqual(["ok", "reason"]);
        const after = await snapshot();
        onlyGrew(before, after, { auth_attempt: 1, audit_event: 1 });
        expect(after.audit_event! - before.audit_event!).toBe(1);
        expect(after.fixtures).toBe(before.fixtures);
        reached++;
      }),
      fuzzParameters(RUNS),
    );
    expect(reached).toBeGreaterThan(0);
  });

  it("signInWithMagicLink and resetPassword: any string as token signs nobody in, changes no password", async () => {
    const token = fc.oneof(hostileString(), fc.constantFrom(f.magicToken.slice(0, 42), `${f.resetToken}=`, f.resetToken.toUpperCase(), ` ${f.magicToken}`));
    await fc.assert(
      fc.asyncProperty(token, hostileString(), async (t, password) => {
        const before = await snapshot();
        let user: unknown;
        let changed: unknown;
        try {
          user = await signInWithMagicLink(t, IP);
          changed = await resetPassword(t, password.slice(0, 200) || "x", IP);
        } catch (error) {
          throw new Error(`exception (ce serait une erreur 500) : ${(error as Error).message}`);
        }
        expect(user).toBeNull();
        expect(changed).toBe(false);
        const after = await snapshot();
        onlyGrew(before, after, { audit_event: 2 });
        expect(after.audit_event! - before.audit_event!).toBe(2); // one failed attempt each
        expect(after.fixtures).toBe(before.fixtures);
      }),
      fuzzParameters(RUNS),
    );
  });
});

// ---------------------------------------------------------------- hostile content in stored text

describe("hostile content in the text fields that are stored (owner role)", () => {
  it("saveStep: the project's title and summary", async () => {
    const outcomes = await hostileContent({
      name: "dossier.save",
      valid: async () => {
        const { version } = await db.dossier.findUniqueOrThrow({ where: { id: f.hostileDraft }, select: { version: true } });
        return { ...projectValues(), dossierId: f.hostileDraft, version };
      },
      mutation: ({ dossierId, version, ...values }) => saveStep(roles.owner, { dossierId, step: "project", version, values }),
      stored: async () => ((await db.dossier.findUniqueOrThrow({ where: { id: f.hostileDraft }, select: { content: true } })).content as { project: unknown }).project,
      expected: ({ title, summary, durationMonths }) => ({ title: String(title).trim(), summary: String(summary).trim(), durationMonths }),
    });
    // HTML payloads are valid titles: some hostile content must reach the database.
    expect(outcomes.accepted).toBeGreaterThan(0);
  });

  it("withdrawDossier: the reason", async () => {
    await hostileContent({
      name: "dossier.withdraw",
      valid: async () => ({ dossierId: await newDraft(), reason: "Le projet est abandonné." }),
      mutation: (input) => withdrawDossier(roles.owner, input),
      stored: async (input) => (await db.dossierEvent.findFirstOrThrow({ where: { dossierId: String(input.dossierId), status: "WITHDRAWN" }, select: { message: true } })).message,
      expected: (input) => {
        const reason = String(input.reason).trim();
        return reason ? `Dossier retiré : ${reason}` : "Dossier retiré par l’administration.";
      },
    });
  });

  it("requestCorrection: the staff's message", async () => {
    await hostileContent({
      name: "dossier.requestCorrection",
      valid: async () => ({
        dossierId: (
          await db.dossier.create({
            data: { callId: ids.openCall, administrationId: ids.adminA, title: "Déposé", summary: "Déposé", status: "SUBMITTED", reference: `FUZ-${run}-${randomUUID().slice(0, 8)}`, submittedAt: new Date() },
            select: { id: true },
          })
        ).id,
        message: "Merci de préciser le budget de l’année 2027.",
      }),
      mutation: (input) => requestCorrection(roles.staff, input),
      stored: async (input) => (await db.dossierEvent.findFirstOrThrow({ where: { dossierId: String(input.dossierId), status: "CORRECTION_REQUESTED" }, select: { message: true } })).message,
      expected: (input) => String(input.message).trim(),
    });
  });

  it("declareConflict: the juror's reason", async () => {
    await hostileContent({
      name: "jury.declareConflict",
      valid: () => ({ juryDossierId: f.agenda[1], type: "PROFESSIONAL", reason: "Ancienne collègue du chef de projet." }),
      mutation: (input) => jury.declareConflict(roles.juror, ids.juryCall, input),
      stored: async (_input, result) => (await db.juryConflict.findUniqueOrThrow({ where: { id: (result.data as { id: string }).id }, select: { reason: true } })).reason,
      expected: (input) => String(input.reason).trim(),
    });
  });

  it("createInvitation: the person's name", async () => {
    const outcomes = await hostileContent({
      name: "invitation.create",
      valid: () => ({ email: `hostile-${run}@fuzz.laureat.fr`, name: "Camille Invitée", kind: "STAFF" }),
      mutation: (input) => createInvitation(roles.admin, input, ORIGIN),
      stored: async (_input, result) => (await db.invitation.findUniqueOrThrow({ where: { id: (result.data as { id: string }).id }, select: { name: true } })).name,
      expected: (input) => String(input.name).trim(),
    });
    expect(outcomes.accepted).toBeGreaterThan(0);
  });

  it("NUL, other control characters and lone surrogates in stored text: refused cleanly, never a database error", async () => {
    const draft = await newDraft();
    const version = async () => (await db.dossier.findUniqueOrThrow({ where: { id: f.hostileDraft }, select: { version: true } })).version;
    for (const text of ["Texte avec\u0000un octet nul", "Texte avec \uD800 seul", "Texte avec \uDC00 seul", "Texte\u0007qui sonne"]) {
      const cases: [string, Viewer, (actor: Viewer, input: unknown) => Promise<MutationResult>, () => Promise<unknown>][] = [
        ["dossier.save", roles.owner, authenticated(saveStep), async () => ({ dossierId: f.hostileDraft, step: "project", version: await version(), values: { ...projectValues(), title: text } })],
        ["dossier.withdraw", roles.owner, authenticated(withdrawDossier), async () => ({ dossierId: draft, reason: text })],
        ["dossier.requestCorrection", roles.staff, authenticated(requestCorrection), async () => ({ dossierId: f.submitted, message: text })],
        ["jury.declareConflict", roles.juror, authenticated((a, i) => jury.declareConflict(a, ids.juryCall, i)), async () => ({ juryDossierId: f.agenda[1], type: "OTHER", reason: text })],
        ["jury.addConflictAsStaff", roles.staff, authenticated((a, i) => jury.addConflictAsStaff(a, ids.juryCall, i)), async () => ({ memberId: f.jurorMember, juryDossierId: f.agenda[1], type: "OTHER", reason: text })],
        ["jury.saveFeedback", roles.staff, authenticated((a, i) => jury.saveFeedback(a, ids.juryCall, i)), async () => ({ juryDossierId: f.agenda[1], text: `Retour : ${text}` })],
        [
          "jury.saveScoringGrid",
          roles.staff,
          authenticated((a, i) => jury.saveScoringGrid(a, ids.juryCall, i)),
          async () => ({ scaleMaxHalf: 10, stepHalf: 1, commentMode: "OVERALL", contestedSpreadHalf: 3, cutSize: 1, tieBreak: KEYS, criteria: KEYS.map((key) => ({ key, helpText: text, weight: 50, thresholdHalf: null })) }),
        ],
        ["jury.saveEvaluation", roles.juror, authenticated((a, i) => jury.saveEvaluation(a, ids.juryCall, i)), async () => ({ opId: randomUUID(), juryDossierId: f.agenda[1], overallComment: text })],
        ["jury.saveEvaluation (opId)", roles.juror, authenticated((a, i) => jury.saveEvaluation(a, ids.juryCall, i)), async () => ({ opId: `op-${text}`, juryDossierId: f.agenda[1] })],
        ["jury.recordDecision", roles.chair, authenticated((a, i) => jury.recordDecision(a, ids.juryCall, i)), async () => ({ juryDossierId: f.agenda[1], decision: "NOT_RETAINED", motivation: text })],
        ["invitation.create", roles.admin, (v, i) => createInvitation(v, i, ORIGIN), async () => ({ email: `ctl-${run}@fuzz.laureat.fr`, name: text, kind: "STAFF" })],
      ];
      for (const [name, actor, mutation, input] of cases) {
        const result = await assertRejectsCleanly({ mutation, actor, input: await input(), snapshot }).catch((error: Error) => {
          throw new Error(`${name} (${JSON.stringify(text)}) : ${error.message}`);
        });
        expect(result.code, name).toBe("INVALID_INPUT");
      }
    }
  });

  it("the audit chain still verifies after all of the above", async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
