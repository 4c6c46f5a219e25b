import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { COMPLETE_STEPS } from "@/lib/dossiers/dossier.fixtures";
import { createDraft, saveStep, submitDossier } from "@/lib/dossiers/dossier.mutations";
import { STEP_KEYS } from "@/lib/dossiers/dossier.schema";
import { db } from "@/lib/server/db";
import { parisLocalToInstant } from "@/lib/time";
import { VALID_SETTINGS } from "./call.fixtures";
import { addQuestion, addTeamMember, CONFLICT_MESSAGE, createCall, duplicateCall, removeQuestion, transitionCall, updateCall } from "./call.mutations";
import type { CallSettingsInput } from "./call.schema";
import { getCallConsole, listManagedCalls } from "./manage.queries";

let admin: Actor;
let staff: Actor;
let jury: Actor;
let applicant: Actor;
let staffOfOtherCall: Actor;
const NOW = parisLocalToInstant("2026-12-01T10:00");

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  await seedDemo(db);
  admin = await actorByEmail("admin@demo.laureat.fr");
  staff = await actorByEmail("instruction@demo.laureat.fr");
  jury = await actorByEmail("jury@demo.laureat.fr");
  applicant = await actorByEmail("candidat@demo.laureat.fr");
  // A staff member of the demo call only.
  const id = randomUUID();
  const call = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
  await db.user.create({ data: { id, email: `staff-${id}@demo.laureat.fr`, name: "Équipe d’un appel", roles: { create: { id: randomUUID(), role: "STAFF", callId: call.id } } } });
  staffOfOtherCall = (await loadActor(id))!;
});

/** Everything a refused request must leave untouched. */
async function snapshot() {
  const [calls, categories, questions, audits, mails, grants, callRows] = await Promise.all([
    db.call.count(),
    db.callCategory.count(),
    db.callQuestion.count(),
    db.auditEvent.count(),
    db.mailOutbox.count(),
    db.roleGrant.count(),
    db.call.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, phase: true, title: true, closesAt: true } }),
  ]);
  return { calls, categories, questions, audits, mails, grants, callRows };
}

let n = 0;
const settings = (over: Partial<CallSettingsInput> = {}): CallSettingsInput => ({ ...VALID_SETTINGS, slug: `appel-test-${++n}-${randomUUID().slice(0, 6)}`, ...over });

async function newCall(over: Partial<CallSettingsInput> = {}) {
  const r = await createCall(admin, settings(over));
  if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return r.data;
}

describe("creating a call", () => {
  it("lets an administrator create a draft with its categories and audit event", async () => {
    const before = await db.auditEvent.count();
    const { id, slug } = await newCall();
    const call = await db.call.findUniqueOrThrow({ where: { id }, select: { phase: true, slug: true, maxRateBps: true, eligibleKinds: true, auditionDays: true, categories: { orderBy: { position: "asc" }, select: { key: true, label: true } } } });
    expect(call).toEqual({
      phase: "DRAFT",
      slug,
      maxRateBps: 8000,
      eligibleKinds: ["CENTRAL", "DECENTRALISED"],
      auditionDays: ["2027-04-01", "2027-04-02"],
      categories: [
        { key: "exploitation", label: "Exploitation" },
        { key: "partage", label: "Partage" },
      ],
    });
    expect(await db.auditEvent.count()).toBe(before + 1);
  });

  it("refuses staff, jurors, applicants and anonymous visitors; nothing is written", async () => {
    const before = await snapshot();
    for (const who of [staff, jury, applicant]) expect(await createCall(who, settings())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createCall(null, settings())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a precise French message on the field; nothing is written", async () => {
    const before = await snapshot();
    const cases: [Partial<CallSettingsInput>, string, string][] = [
      [{ closesAt: "2027-01-01T00:00" }, "closesAt", "Clôture des dépôts : elle doit suivre l’ouverture."],
      [{ budgetEnvelopeCents: -1 }, "budgetEnvelopeCents", "Enveloppe budgétaire : le montant ne peut pas être négatif."],
      [{ slug: DEMO_CALL_SLUG }, "slug", `Adresse : « ${DEMO_CALL_SLUG} » est déjà utilisée par un autre appel. Choisissez-en une autre.`],
    ];
    for (const [over, field, message] of cases) {
      const r = await createCall(admin, { ...settings(), ...over });
      expect(r).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [field]: [message] } });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("editing a call", () => {
  it("lets the call's staff edit; refuses staff of another call, jurors and applicants", async () => {
    const { id } = await newCall();
    const values = { ...settings(), title: "Titre modifié par l’équipe" };
    const r = await updateCall(staff, { callId: id, version: 1, values });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    const before = await snapshot();
    for (const who of [staffOfOtherCall, jury, applicant]) expect(await updateCall(who, { callId: id, version: 2, values })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a stale save: the first edit stays, the second gets a conflict and writes nothing", async () => {
    const { id, slug } = await newCall();
    const base = { ...settings(), slug };
    const [a, b] = await Promise.all([
      updateCall(admin, { callId: id, version: 1, values: { ...base, title: "Version d’Alice" } }),
      updateCall(staff, { callId: id, version: 1, values: { ...base, title: "Version d’Inès" } }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "CONFLICT", message: CONFLICT_MESSAGE }]);
    const winner = a.ok ? "Version d’Alice" : "Version d’Inès";
    expect(await db.call.findUniqueOrThrow({ where: { id }, select: { title: true, version: true } })).toEqual({ title: winner, version: 2 });
  });

  it("keeps the slug of an open call and refuses an earlier deadline", async () => {
    const rolling = await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true, version: true } });
    const console_ = (await getCallConsole(admin, DEMO_ROLLING_SLUG, NOW))!;
    const r = await updateCall(admin, { callId: rolling.id, version: rolling.version, values: { ...console_.settings, slug: "guichet-renomme" } });
    expect(r).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { slug: [expect.stringContaining("ne peut plus changer")] } });
  });
});

describe("opening and phases", () => {
  it("refuses to open a call with missing pieces, says which, and lets only an administrator open a complete one", async () => {
    const { id } = await newCall({ categories: "", eligibleKinds: [] });
    const before = await snapshot();
    const refused = await transitionCall(admin, { callId: id, to: "OPEN", confirm: "on" }, NOW);
    expect(refused).toEqual({
      ok: false,
      code: "CONFLICT",
      message: "L’appel ne peut pas ouvrir : ajoutez au moins une catégorie de projets ; choisissez les types d’administrations éligibles.",
      fieldErrors: { to: ["L’appel ne peut pas ouvrir : ajoutez au moins une catégorie de projets ; choisissez les types d’administrations éligibles."] },
    });
    expect(await transitionCall(admin, { callId: id, to: "OPEN" }, NOW)).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "Cochez la case pour confirmer." });
    expect(await snapshot()).toEqual(before);

    const complete = await newCall();
    expect(await transitionCall(staff, { callId: complete.id, to: "OPEN", confirm: "on" }, NOW)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await transitionCall(admin, { callId: complete.id, to: "OPEN", confirm: "on" }, NOW)).toEqual({ ok: true, data: { from: "DRAFT", to: "OPEN", notified: 0 } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: complete.id, action: "call.phase_changed" }, select: { actorId: true, data: true } });
    expect(audit).toEqual({ actorId: admin.userId, data: { from: "DRAFT", to: "OPEN" } });
  });

  it("refuses a closing date already past at opening", async () => {
    const { id } = await newCall({ opensAt: "2026-10-01T09:00", closesAt: "2026-11-30T23:59", preselectionAt: "2026-12-15T12:00", auditionDays: [], resultsExpectedAt: "2027-01-15T10:00" });
    const r = await transitionCall(admin, { callId: id, to: "OPEN", confirm: "on" }, NOW);
    expect(r).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("choisissez une date de clôture future") });
  });

  it("leaves publication and archiving to their own screens", async () => {
    const demo = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
    const before = await snapshot();
    expect(await transitionCall(staff, { callId: demo.id, to: "RESULTS_PUBLISHED", confirm: "on" }, NOW)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringContaining(`/espace/appels/${DEMO_CALL_SLUG}/publication`),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("closes after the deadline and reopens only with a later deadline, telling the administrations with dossiers", async () => {
    const { id } = await newCall({ opensAt: "2026-11-01T09:00", closesAt: "2026-12-02T12:00", preselectionAt: "2026-12-15T12:00", auditionDays: [], resultsExpectedAt: "2027-01-15T10:00" });
    expect(await transitionCall(admin, { callId: id, to: "OPEN", confirm: "on" }, NOW)).toMatchObject({ ok: true });
    const slug = (await db.call.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
    const draft = await createDraft(applicant, slug, NOW);
    expect(draft).toMatchObject({ ok: true });
    const early = await transitionCall(staff, { callId: id, to: "CLOSED", confirm: "on" }, NOW);
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining("n’est pas encore passée") });
    const after = parisLocalToInstant("2026-12-02T12:01");
    expect(await transitionCall(staff, { callId: id, to: "CLOSED", confirm: "on" }, after)).toMatchObject({ ok: true });

    const before = await snapshot();
    const sooner = await transitionCall(staff, { callId: id, to: "OPEN", confirm: "on", newClosesAt: "2026-12-02T11:00" }, after);
    expect(sooner).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { newClosesAt: [expect.stringContaining("dans le futur")] } });
    expect(await snapshot()).toEqual(before);

    const reopened = await transitionCall(staff, { callId: id, to: "OPEN", confirm: "on", newClosesAt: "2026-12-20T23:59" }, after);
    const agents = await db.user.count({ where: { administrationId: applicant.administrationId, disabledAt: null } });
    expect(reopened).toEqual({ ok: true, data: { from: "CLOSED", to: "OPEN", notified: agents } });
    const mail = await db.mailOutbox.findFirstOrThrow({ where: { to: applicant.email, subject: { startsWith: "Dépôts rouverts" } }, orderBy: { createdAt: "desc" }, select: { text: true } });
    expect(mail.text).toContain("20 décembre 2026 à 23:59");
    expect((await db.call.findUniqueOrThrow({ where: { id }, select: { closesAt: true } })).closesAt).toEqual(parisLocalToInstant("2026-12-20T23:59"));
  });
});

describe("questions", () => {
  it("refuses an unknown question type and staff of another call; nothing is written", async () => {
    const { id } = await newCall();
    const before = await snapshot();
    expect(await addQuestion(admin, { callId: id, question: { type: "SIGNATURE", label: "Signature" } })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { type: ["Type de question inconnu : choisissez un des types proposés."] },
    });
    expect(await addQuestion(staffOfOtherCall, { callId: id, question: { type: "SHORT_TEXT", label: "Nom" } })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await addQuestion(applicant, { callId: id, question: { type: "SHORT_TEXT", label: "Nom" } })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });

  it("freezes the form once a dossier is submitted: only optional questions may be added, and answers are enforced at submission", async () => {
    // A rolling window copied from the demo one, with one required question, opened.
    const rolling = await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true } });
    const dup = await duplicateCall(admin, { callId: rolling.id, title: "Guichet de test des questions", slug: `guichet-questions-${randomUUID().slice(0, 6)}`, kind: "ROLLING" });
    if (!dup.ok) throw new Error(dup.message);
    const callId = dup.data.id;
    await db.call.update({ where: { id: callId }, data: { eligibleKinds: ["DECENTRALISED", "CENTRAL", "OPERATOR"], description: "x".repeat(80) } });
    const q = await addQuestion(staff, { callId, question: { type: "NUMBER", label: "Nombre d’agents concernés", required: true, min: 1, max: 5000 } });
    if (!q.ok) throw new Error(JSON.stringify(q));
    expect(await transitionCall(admin, { callId, to: "OPEN", confirm: "on" }, NOW)).toMatchObject({ ok: true });

    const draft = await createDraft(applicant, dup.data.slug, NOW);
    if (!draft.ok) throw new Error(draft.message);
    const dossierId = draft.data.id;
    const category = await db.callCategory.findFirstOrThrow({ where: { callId }, orderBy: { position: "asc" }, select: { key: true } });
    const save = async (step: string, values: unknown) => {
      const { version } = await db.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { version: true } });
      return saveStep(applicant, { dossierId, step, version, values });
    };
    for (const step of STEP_KEYS) expect(await save(step, step === "category" ? { categoryKey: category.key } : COMPLETE_STEPS[step])).toMatchObject({ ok: true });

    // A bad answer is refused at save, in French, on the question.
    expect(await save("questions", { [q.data.key]: 0 })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [q.data.key]: ["Nombre d’agents concernés : 1 au minimum."] } });
    // Left empty, the required question blocks the submission.
    const missing = await submitDossier(applicant, { dossierId, idempotencyKey: randomUUID() }, NOW);
    expect(missing).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [`questions.${q.data.key}`]: ["Nombre d’agents concernés : ce champ est obligatoire."] } });
    expect(await save("questions", { [q.data.key]: 120 })).toMatchObject({ ok: true });
    expect(await submitDossier(applicant, { dossierId, idempotencyKey: randomUUID() }, NOW)).toMatchObject({ ok: true });

    const before = await snapshot();
    expect(await addQuestion(admin, { callId, question: { type: "YES_NO", label: "Projet mutualisé ?", required: true } })).toMatchObject({
      ok: false,
      fieldErrors: { required: ["Des dossiers ont déjà été déposés : seule une question facultative peut encore être ajoutée."] },
    });
    expect(await removeQuestion(admin, { callId, questionId: q.data.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);
    expect(await addQuestion(admin, { callId, question: { type: "YES_NO", label: "Projet mutualisé ?", required: false } })).toMatchObject({ ok: true });
  });
});

describe("duplicating a call", () => {
  it("copies settings, categories, criteria, questions and eligibility, without dossiers, as a new draft", async () => {
    const source = await db.call.findUniqueOrThrow({
      where: { slug: DEMO_CALL_SLUG },
      select: { id: true, summary: true, budgetEnvelopeCents: true, _count: { select: { categories: true, criteria: true, dossiers: true } } },
    });
    await addQuestion(admin, { callId: source.id, question: { type: "SHORT_TEXT", label: "Référent données", required: false } });
    const slug = `appel-2-${randomUUID().slice(0, 6)}`;
    const r = await duplicateCall(admin, { callId: source.id, title: "Deuxième appel à projets données", slug, kind: "CALL" });
    expect(r).toMatchObject({ ok: true, data: { slug } });
    const copy = await db.call.findUniqueOrThrow({
      where: { slug },
      select: { phase: true, version: true, title: true, summary: true, budgetEnvelopeCents: true, questions: { select: { label: true } }, _count: { select: { categories: true, criteria: true, dossiers: true, juryMembers: true } } },
    });
    expect(copy).toMatchObject({ phase: "DRAFT", version: 1, title: "Deuxième appel à projets données", summary: source.summary, budgetEnvelopeCents: source.budgetEnvelopeCents });
    expect(copy._count).toEqual({ categories: source._count.categories, criteria: source._count.criteria, dossiers: 0, juryMembers: 0 });
    expect(copy.questions.map((q) => q.label)).toContain("Référent données");
    expect(source._count.dossiers).toBeGreaterThan(0);
  });

  it("refuses a slug already used and non-administrators; nothing is written", async () => {
    const source = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
    const before = await snapshot();
    expect(await duplicateCall(admin, { callId: source.id, title: "Copie de l’appel", slug: DEMO_ROLLING_SLUG, kind: "ROLLING" })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { slug: [expect.stringContaining("déjà utilisée")] } });
    expect(await duplicateCall(staff, { callId: source.id, title: "Copie de l’appel", slug: "copie-staff", kind: "CALL" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("team and listing", () => {
  it("lets an administrator add staff and jurors; an applicant's account cannot join; staff see only the calls they run", async () => {
    const { id, slug } = await newCall();
    expect(await addTeamMember(admin, { callId: id, email: "jury@demo.laureat.fr", role: "JURY_CHAIR" })).toMatchObject({ ok: true });
    expect(await db.juryMember.findFirstOrThrow({ where: { callId: id }, select: { isChair: true } })).toEqual({ isChair: true });
    expect(await addTeamMember(admin, { callId: id, email: "candidat@demo.laureat.fr", role: "STAFF" })).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining("administration candidate")] } });
    expect(await addTeamMember(staff, { callId: id, email: "jury@demo.laureat.fr", role: "STAFF" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await listManagedCalls(admin)).map((c) => c.slug)).toContain(slug);
    expect((await listManagedCalls(staffOfOtherCall)).map((c) => c.slug)).toEqual([DEMO_CALL_SLUG]);
    expect(await listManagedCalls(applicant)).toEqual([]);
    expect(await getCallConsole(staffOfOtherCall, slug)).toBeNull();
  });
});
