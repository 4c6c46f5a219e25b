import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, seedDemo } from "@/lib/demo/seed";
import type { AdministrationKind, DossierStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { getCallStatistics } from "./statistics.queries";

const run = randomUUID().slice(0, 8);
const slug = `stats-${run}`;
const otherSlug = `stats-autre-${run}`;
const EURO = 100n;
let callId: string;
let staff: Actor;
let otherStaff: Actor;
let admin: Actor;
let applicant: Actor;
let juror: Actor;

async function person(grant: { role: "STAFF" | "ADMIN"; callId: string | null }): Promise<Actor> {
  const user = await db.user.create({ data: { email: `stats-${randomUUID()}@example.fr`, name: "Personne", roles: { create: grant } }, select: { id: true } });
  return (await loadActor(user.id))!;
}
async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

/**
 * A small call whose figures are known by hand:
 *  #  adm.  category    status           requested  ticks (2 items)   decision
 *  1  A     Données     SUBMITTED         100 000   both met          —
 *  2  A     Données     UNDER_REVIEW      200 000   both met          PRESELECTED, not released
 *  3  B     API         PRESELECTED       300 000   one met, one not  PRESELECTED, released
 *  4  B     —           LAUREATE          150 000   none              — (granted 120 000)
 *  5  C*    API         NOT_RETAINED       50 000   both met          —
 *  6  A     Données     WITHDRAWN             999   both met          —   (not counted)
 *  7  A     Données     DRAFT                 999   —                 —   (not counted)
 *  8  B     API         PRESELECTED        80 000   both met          NOT_PRESELECTED, not released (reconsidered)
 * A: central administration, ministry « Alpha »; B: operator, ministry « Bêta »;
 * C*: a local authority (not admissible whatever its ticks), ministry « Alpha ».
 */
beforeAll(async () => {
  await seedDemo(db);
  const ministries = { alpha: randomUUID(), beta: randomUUID() };
  await db.ministry.createMany({
    data: [
      { id: ministries.alpha, code: `A${run}`, name: `Ministère Alpha ${run}` },
      { id: ministries.beta, code: `B${run}`, name: `Ministère Bêta ${run}` },
    ],
  });
  const adm = (ministryId: string, kind: AdministrationKind) => ({ id: randomUUID(), ministryId, name: `Administration ${kind} ${randomUUID()}`, kind });
  const A = adm(ministries.alpha, "CENTRAL");
  const B = adm(ministries.beta, "OPERATOR");
  const C = adm(ministries.alpha, "LOCAL_AUTHORITY");
  await db.administration.createMany({ data: [A, B, C] });
  const call = (id: string, s: string) => ({
    id,
    slug: s,
    title: `Appel ${s}`,
    summary: "Résumé",
    description: "Description",
    kind: "CALL" as const,
    phase: "PRESELECTION" as const,
    opensAt: new Date("2026-01-01T00:00:00Z"),
    closesAt: new Date("2026-06-01T00:00:00Z"),
    budgetEnvelopeCents: 1_000_000n * EURO,
  });
  callId = randomUUID();
  const otherCallId = randomUUID();
  await db.call.createMany({ data: [call(callId, slug), call(otherCallId, otherSlug)] });
  const donnees = randomUUID();
  const api = randomUUID();
  await db.callCategory.createMany({
    data: [
      { id: donnees, callId, key: "donnees", label: "Données", position: 0 },
      { id: api, callId, key: "api", label: "API", position: 1 },
    ],
  });
  const decidedAt = new Date("2026-07-01T10:00:00Z");
  const rows: [string, string | null, DossierStatus, bigint, ("met" | "not")[], { decision: "PRESELECTED" | "NOT_PRESELECTED"; released: boolean } | null, bigint | null][] = [
    [A.id, donnees, "SUBMITTED", 100_000n, ["met", "met"], null, null],
    [A.id, donnees, "UNDER_REVIEW", 200_000n, ["met", "met"], { decision: "PRESELECTED", released: false }, null],
    [B.id, api, "PRESELECTED", 300_000n, ["met", "not"], { decision: "PRESELECTED", released: true }, null],
    [B.id, null, "LAUREATE", 150_000n, [], null, 120_000n],
    [C.id, api, "NOT_RETAINED", 50_000n, ["met", "met"], null, null],
    [A.id, donnees, "WITHDRAWN", 999n, ["met", "met"], null, null],
    [A.id, donnees, "DRAFT", 999n, [], null, null],
    [B.id, api, "PRESELECTED", 80_000n, ["met", "met"], { decision: "NOT_PRESELECTED", released: false }, null],
  ];
  for (const [i, [administrationId, categoryId, status, euros, ticks, decision, granted]] of rows.entries()) {
    const id = randomUUID();
    await db.dossier.create({
      data: {
        id,
        callId,
        administrationId,
        categoryId,
        title: `Dossier ${i + 1}`,
        summary: "Résumé",
        status,
        requestedCents: euros * EURO,
        grantedCents: granted === null ? null : granted * EURO,
        reference: status === "DRAFT" ? null : `ST-${run}-${i + 1}`,
        submittedAt: status === "DRAFT" ? null : decidedAt,
      },
    });
    const keys = ["data-project", "cofunding-confirmed"];
    if (ticks.length) await db.eligibilityTick.createMany({ data: ticks.map((t, k) => ({ dossierId: id, itemKey: keys[k]!, met: t === "met" })) });
    if (decision) {
      await db.preselectionDecision.create({
        data: { dossierId: id, decision: decision.decision, reason: "Motif de test.", decidedAt, releasedAt: decision.released ? decidedAt : null },
      });
    }
  }
  // Another call's dossier: never counted here.
  await db.dossier.create({ data: { callId: otherCallId, administrationId: A.id, title: "Autre appel", summary: "Résumé", status: "LAUREATE", requestedCents: 5n * EURO, reference: `ST-${run}-X` } });

  staff = await person({ role: "STAFF", callId });
  otherStaff = await person({ role: "STAFF", callId: otherCallId });
  admin = await person({ role: "ADMIN", callId: null });
  applicant = await actorByEmail("candidat@demo.laureat.fr");
  juror = await actorByEmail("jury@demo.laureat.fr");
});

describe("call statistics for staff", () => {
  it("computes the funnel, counting pending decisions as staff see them", async () => {
    const stats = await getCallStatistics(staff, slug);
    expect(stats!.funnel).toEqual({ submitted: 6, admissible: 3, preselected: 4, preselectedPending: 1, auditioned: 2, laureates: 1 });
  });

  it("breaks the dossiers down by ministry and by category, largest first, ties by name", async () => {
    const stats = await getCallStatistics(staff, slug);
    expect(stats!.byMinistry).toEqual([
      { label: `Ministère Alpha ${run}`, dossiers: 3, preselected: 2, requestedCents: 350_000_00 },
      { label: `Ministère Bêta ${run}`, dossiers: 3, preselected: 2, requestedCents: 530_000_00 },
    ]);
    expect(stats!.byCategory).toEqual([
      { label: "API", dossiers: 3, preselected: 2, requestedCents: 430_000_00 },
      { label: "Données", dossiers: 2, preselected: 1, requestedCents: 300_000_00 },
      { label: "Sans catégorie", dossiers: 1, preselected: 1, requestedCents: 150_000_00 },
    ]);
  });

  it("compares the requested amounts with the call's envelope", async () => {
    const stats = await getCallStatistics(staff, slug);
    expect(stats!.budget).toEqual({ envelopeCents: 1_000_000_00, requestedCents: 880_000_00, preselectedRequestedCents: 700_000_00, grantedCents: 120_000_00 });
  });

  it("is shown to the call's staff and administrators only", async () => {
    expect(await getCallStatistics(admin, slug)).not.toBeNull();
    for (const actor of [otherStaff, applicant, juror]) expect(await getCallStatistics(actor, slug)).toBeNull();
    expect(await getCallStatistics(staff, "appel-inexistant")).toBeNull();
  });

  it("reads the seeded 2021 call consistently with its released statuses", async () => {
    const stats = await getCallStatistics(await actorByEmail("instruction@demo.laureat.fr"), DEMO_CALL_SLUG);
    expect(stats!.funnel).toMatchObject({ submitted: 69, preselected: 33, preselectedPending: 0, auditioned: 33, laureates: 18 });
    expect(stats!.byMinistry.reduce((n, r) => n + r.dossiers, 0)).toBe(69);
    expect(stats!.byCategory.reduce((n, r) => n + r.dossiers, 0)).toBe(69);
  });
});
