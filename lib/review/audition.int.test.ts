import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { getAuditionPlanning } from "./audition.queries";
import { saveAssignments, saveAuditionDay, sendConvocations } from "./audition.mutations";
import { auditionDayInput } from "./audition.schema";

const actorOf = async (email: string): Promise<Actor> => {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
};

/** A call of its own (the demo call's figures stay as other test files expect them). */
async function makeCall(preselected: number) {
  const administration = await db.administration.findFirstOrThrow({ where: { users: { some: { email: "candidat@demo.laureat.fr" } } }, select: { id: true } });
  const applicant = await db.user.findUniqueOrThrow({ where: { email: "candidat@demo.laureat.fr" }, select: { id: true } });
  const slug = `auditions-test-${randomUUID().slice(0, 8)}`;
  const call = await db.call.create({
    data: { slug, title: `Appel de test ${slug}`, summary: "Test", description: "Test", kind: "CALL", phase: "AUDITIONS", opensAt: new Date("2026-01-01T08:00:00Z"), closesAt: new Date("2026-03-01T08:00:00Z"), budgetEnvelopeCents: 100_000_000n },
    select: { id: true, slug: true },
  });
  const dossiers = [];
  for (let i = 0; i < preselected + 1; i++) {
    dossiers.push(
      await db.dossier.create({
        data: { callId: call.id, administrationId: administration.id, createdById: applicant.id, reference: `${slug}-${i + 1}`, title: `Projet ${i + 1}`, summary: "Résumé", status: i < preselected ? "PRESELECTED" : "SUBMITTED", submittedAt: new Date() },
        select: { id: true },
      }),
    );
  }
  return { call, preselected: dossiers.slice(0, preselected).map((d) => d.id), submitted: dossiers[preselected]!.id };
}

const rawDay = (overrides: Record<string, string> = {}) => ({
  version: "0", date: "2026-06-16", start: "09:00", end: "12:00", slotMinutes: "30", gapMinutes: "0", breaks: "10:30-11:00", location: "DINUM, 20 avenue de Ségur, Paris", videoUrl: "", ...overrides,
});
const day = (overrides: Record<string, string> = {}) => auditionDayInput.parse(rawDay(overrides));

let staff: Actor;
let admin: Actor;
beforeAll(async () => {
  await seedDemo(db);
  staff = await actorOf("instruction@demo.laureat.fr");
  admin = await actorOf("admin@demo.laureat.fr");
});

const snapshot = async (callId: string) => ({
  plan: await db.auditionPlan.findUnique({ where: { callId }, select: { version: true, days: true, location: true } }),
  slots: await db.auditionSlot.findMany({ where: { plan: { callId } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, dossierId: true, convokedAt: true } }),
  audit: await db.auditEvent.count({ where: { entityId: callId } }),
  mails: await db.mailOutbox.count(),
});

describe("audition planning", () => {
  it("validates the day in French before anything is written", () => {
    const bad = auditionDayInput.safeParse({ version: "0", date: "2026-02-30", start: "9h", end: "12:00", slotMinutes: "2", gapMinutes: "0", breaks: "midi", location: "", videoUrl: "http://x" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Cette date n’existe pas.",
        "Indiquez l’heure de début au format HH:MM (par exemple 09:00).",
        "Une audition dure au moins 5 minutes.",
        "« midi » n’est pas une pause : écrivez par exemple « 12:30-13:30, 16:00-16:15 ».",
        "Le lien de visioconférence doit commencer par https://.",
      ]),
    );
    expect(auditionDayInput.safeParse(rawDay({ breaks: "08:00-08:30" })).error!.issues[0]!.message).toMatch(/en dehors de la journée/);
  });

  it("creates the slots of a day, places preselected dossiers, convokes them once through the outbox", async () => {
    const { call, preselected } = await makeCall(3);
    const saved = await saveAuditionDay(staff, call.id, day());
    expect(saved).toEqual({ ok: true, data: { version: 1, slots: 5 } });
    const planning = (await getAuditionPlanning(staff, call.slug))!;
    expect(planning.slots.map((s) => s.start)).toEqual(["09:00", "09:30", "10:00", "11:00", "11:30"]);
    // 09:00 in Paris in June is 07:00 UTC.
    expect((await db.auditionSlot.findFirstOrThrow({ where: { id: planning.slots[0]!.id } })).startsAt.toISOString()).toBe("2026-06-16T07:00:00.000Z");

    const assigned = await saveAssignments(staff, call.id, {
      version: 1,
      assignments: [
        { slotId: planning.slots[0]!.id, dossierId: preselected[0]! },
        { slotId: planning.slots[3]!.id, dossierId: preselected[1]! },
      ],
    });
    expect(assigned).toEqual({ ok: true, data: { version: 2, assigned: 2 } });

    const before = await db.mailOutbox.count();
    const convoked = await sendConvocations(staff, call.id, 2);
    expect(convoked).toEqual({ ok: true, data: { version: 3, sent: 2, withoutRecipient: 0 } });
    const mails = await db.mailOutbox.findMany({ where: { to: "candidat@demo.laureat.fr", subject: { contains: call.slug } }, orderBy: { createdAt: "asc" } });
    expect(await db.mailOutbox.count()).toBe(before + 2);
    expect(mails.map((m) => m.text).join("\n")).toContain("Heure : de 09:00 à 09:30 (heure de Paris)");
    expect(mails[0]!.text).toContain("Lieu : DINUM, 20 avenue de Ségur, Paris");
    // Everyone convoked: a second sending is refused, no e-mail twice.
    expect(await sendConvocations(staff, call.id, 3)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await db.mailOutbox.count()).toBe(before + 2);

    // Moving a dossier to another slot: it needs a new convocation.
    const moved = await saveAssignments(admin, call.id, { version: 3, assignments: [{ slotId: planning.slots[0]!.id, dossierId: null }, { slotId: planning.slots[1]!.id, dossierId: preselected[0]! }] });
    expect(moved.ok).toBe(true);
    const after = (await getAuditionPlanning(staff, call.slug))!;
    expect(after.slots.filter((s) => s.dossierId).map((s) => [s.start, s.convoked])).toEqual([["09:30", false], ["11:00", true]]);
    expect(await db.auditEvent.count({ where: { entityId: call.id, action: { startsWith: "review.auditions." } } })).toBe(4);
  });

  it("refuses conflicts, foreign or non-preselected dossiers, stale versions and outsiders, writing nothing", async () => {
    const { call, preselected, submitted } = await makeCall(2);
    const other = await makeCall(1);
    await saveAuditionDay(staff, call.id, day());
    const slots = (await getAuditionPlanning(staff, call.slug))!.slots;
    await saveAssignments(staff, call.id, { version: 1, assignments: [{ slotId: slots[4]!.id, dossierId: preselected[0]! }] });
    const start = await snapshot(call.id);

    const refused = async (promise: Promise<unknown>, code: string, message?: RegExp) => {
      const result = (await promise) as { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]> };
      expect(result.ok).toBe(false);
      expect(result.code).toBe(code);
      if (message) expect([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join("\n")).toMatch(message);
      expect(await snapshot(call.id)).toEqual(start);
    };
    await refused(saveAssignments(staff, call.id, { version: 2, assignments: [{ slotId: slots[0]!.id, dossierId: preselected[0]! }] }), "INVALID_INPUT", /placé sur deux créneaux/);
    await refused(saveAssignments(staff, call.id, { version: 2, assignments: [{ slotId: slots[0]!.id, dossierId: preselected[1]! }, { slotId: slots[0]!.id, dossierId: preselected[1]! }] }), "INVALID_INPUT", /attribué deux fois/);
    await refused(saveAssignments(staff, call.id, { version: 2, assignments: [{ slotId: slots[0]!.id, dossierId: submitted }] }), "INVALID_INPUT", /n’est pas présélectionné/);
    await refused(saveAssignments(staff, call.id, { version: 2, assignments: [{ slotId: slots[0]!.id, dossierId: other.preselected[0]! }] }), "INVALID_INPUT", /n’appartient pas à cet appel/);
    await refused(saveAssignments(staff, call.id, { version: 2, assignments: [{ slotId: randomUUID(), dossierId: preselected[1]! }] }), "INVALID_INPUT", /n’existe pas/);
    await refused(saveAssignments(staff, call.id, { version: 1, assignments: [{ slotId: slots[0]!.id, dossierId: preselected[1]! }] }), "CONFLICT", /modifié entre-temps/);
    // Shortening the day would leave the dossier placed at 11:30 outside it.
    await refused(saveAuditionDay(staff, call.id, day({ version: "2", end: "11:00" })), "INVALID_INPUT", /11:30, un créneau qui n’existerait plus/);
    await refused(saveAuditionDay(staff, call.id, day({ version: "1" })), "CONFLICT");
    await refused(sendConvocations(staff, call.id, 1), "CONFLICT");

    // Outsiders: an applicant, a juror, and staff of another call only.
    const scopedStaff = await db.user.create({
      data: { email: `staff-${randomUUID().slice(0, 8)}@test.laureat.fr`, name: "Instructeur d’un autre appel", roles: { create: { role: "STAFF", callId: other.call.id } } },
      select: { id: true },
    });
    for (const outsider of [await actorOf("candidat@demo.laureat.fr"), await actorOf("jury@demo.laureat.fr"), (await loadActor(scopedStaff.id))!]) {
      await refused(saveAuditionDay(outsider, call.id, day({ version: "2" })), "FORBIDDEN");
      await refused(saveAssignments(outsider, call.id, { version: 2, assignments: [{ slotId: slots[0]!.id, dossierId: preselected[1]! }] }), "FORBIDDEN");
      await refused(sendConvocations(outsider, call.id, 2), "FORBIDDEN");
      expect(await getAuditionPlanning(outsider, call.slug)).toBeNull();
    }
    expect(await getAuditionPlanning((await loadActor(scopedStaff.id))!, other.call.slug)).not.toBeNull();
  });
});
