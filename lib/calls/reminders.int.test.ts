import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { runCallScheduler } from "./scheduler";

// Calls of their own (unique slugs): other test files share the database.
const run = randomUUID().slice(0, 8);
const ids = { ministry: randomUUID(), call: randomUUID(), juryCall: randomUUID(), admins: { draft: randomUUID(), submitted: randomUUID(), withdrawn: randomUUID(), mixed: randomUUID() } };
const email = (who: string) => `${who}-${run}@reminders.test`;
// 15 March 2030, 23:59 in Paris (winter time, UTC+1).
const closesAt = new Date("2030-03-15T22:59:00Z");
// Audition day: 10 April 2030 from 09:30 in Paris (summer time, UTC+2).
const firstSlot = new Date("2030-04-10T07:30:00Z");

beforeAll(async () => {
  await db.ministry.create({ data: { id: ids.ministry, code: `R${run}`, name: `Ministère rappels ${run}` } });
  await db.administration.createMany({
    data: Object.entries(ids.admins).map(([key, id]) => ({ id, ministryId: ids.ministry, name: `Administration ${key} ${run}`, kind: "CENTRAL" as const })),
  });
  await db.user.createMany({
    data: [
      { email: email("draft-1"), name: "Agent brouillon 1", administrationId: ids.admins.draft },
      { email: email("draft-2"), name: "Agent brouillon 2", administrationId: ids.admins.draft },
      { email: email("draft-disabled"), name: "Agent parti", administrationId: ids.admins.draft, disabledAt: new Date("2029-01-01") },
      { email: email("submitted"), name: "Agent déposé", administrationId: ids.admins.submitted },
      { email: email("withdrawn"), name: "Agent retiré", administrationId: ids.admins.withdrawn },
      { email: email("mixed"), name: "Agent mixte", administrationId: ids.admins.mixed },
      { email: email("juror-1"), name: "Juré 1" },
      { email: email("juror-2"), name: "Juré 2" },
      { email: email("juror-disabled"), name: "Juré parti", disabledAt: new Date("2029-01-01") },
    ],
  });
  const base = { summary: "Résumé", description: "Description", budgetEnvelopeCents: 100_000_000n, opensAt: new Date("2030-01-06T08:00:00Z") };
  await db.call.create({ data: { ...base, id: ids.call, slug: `rappels-${run}`, title: `Appel rappels ${run}`, kind: "CALL", phase: "OPEN", closesAt } });
  await db.call.create({ data: { ...base, id: ids.juryCall, slug: `rappels-jury-${run}`, title: `Appel auditions ${run}`, kind: "CALL", phase: "AUDITIONS", closesAt: new Date("2030-02-01T22:59:00Z") } });
  const dossier = (administrationId: string, title: string, status: "DRAFT" | "SUBMITTED" | "WITHDRAWN" | "PRESELECTED", callId = ids.call) => ({ callId, administrationId, title, summary: "", status });
  await db.dossier.createMany({
    data: [
      dossier(ids.admins.draft, "Projet A en brouillon", "DRAFT"),
      dossier(ids.admins.draft, "Projet A bis en brouillon", "DRAFT"),
      dossier(ids.admins.submitted, "Projet B déposé", "SUBMITTED"),
      dossier(ids.admins.withdrawn, "Projet C retiré", "WITHDRAWN"),
      dossier(ids.admins.mixed, "Projet D déposé", "SUBMITTED"),
      dossier(ids.admins.mixed, "Projet D bis en brouillon", "DRAFT"),
    ],
  });
  const users = await db.user.findMany({ where: { email: { in: [email("juror-1"), email("juror-2"), email("juror-disabled")] } }, select: { id: true } });
  await db.juryMember.createMany({ data: users.map((u) => ({ callId: ids.juryCall, userId: u.id })) });
  const auditioned = await db.dossier.create({ data: dossier(ids.admins.submitted, "Projet auditionné", "PRESELECTED", ids.juryCall), select: { id: true } });
  const auditioned2 = await db.dossier.create({ data: dossier(ids.admins.mixed, "Projet auditionné 2", "PRESELECTED", ids.juryCall), select: { id: true } });
  await db.juryDossier.createMany({
    data: [
      { dossierId: auditioned2.id, position: 2, auditionStartsAt: new Date(firstSlot.getTime() + 30 * 60_000), auditionEndsAt: new Date(firstSlot.getTime() + 60 * 60_000) },
      { dossierId: auditioned.id, position: 1, auditionStartsAt: firstSlot, auditionEndsAt: new Date(firstSlot.getTime() + 30 * 60_000) },
    ],
  });
});

const outbox = (callId: string) =>
  db.mailOutbox.findMany({ where: { dedupeKey: { startsWith: `call-reminder:${callId}:` } }, orderBy: [{ to: "asc" }, { dedupeKey: "asc" }], select: { to: true, subject: true, text: true, dedupeKey: true } });
const recipients = async (callId: string, kind: string) => (await outbox(callId)).filter((m) => m.dedupeKey.includes(`:${kind}:`)).map((m) => m.to);

describe("scheduled reminders", () => {
  it("sends nothing before 09:00 Paris on the 7th day before the deadline", async () => {
    await runCallScheduler(db, new Date("2030-03-08T07:59:00Z"));
    expect(await outbox(ids.call)).toEqual([]);
  });

  it("deadline in 7 days: the active agents of administrations with a draft, once, even when the scheduler runs twice or concurrently", async () => {
    const at = new Date("2030-03-08T08:00:00Z");
    await runCallScheduler(db, at);
    await runCallScheduler(db, new Date(at.getTime() + 5 * 60_000));
    await Promise.all([runCallScheduler(db, at), runCallScheduler(db, at), runCallScheduler(db, new Date(at.getTime() + 60 * 60_000))]);
    // Not the submitted-only or withdrawn-only administrations, not the disabled agent.
    expect(await recipients(ids.call, "DEADLINE_7D")).toEqual([email("draft-1"), email("draft-2"), email("mixed")]);
    expect(await db.callReminder.count({ where: { callId: ids.call } })).toBe(3);

    const [mail] = (await outbox(ids.call)).filter((m) => m.to === email("draft-1"));
    expect(mail!.subject).toBe(`Rappel : clôture des dépôts dans 7 jours — Appel rappels ${run}`);
    expect(mail!.text).toContain(`l’appel à projets « Appel rappels ${run} »`);
    expect(mail!.text).toContain("le 15 mars 2030 à 23:59 (heure de Paris)");
    expect(mail!.text).toContain("- Projet A bis en brouillon\n- Projet A en brouillon");
    expect(mail!.text).toMatch(/https?:\/\/[^\s]+\/espace\/dossiers/);
    const mixed = (await outbox(ids.call)).find((m) => m.to === email("mixed"))!;
    expect(mixed.text).toContain("- Projet D bis en brouillon");
    expect(mixed.text).not.toContain("Projet D déposé");
  });

  it("deadline tomorrow: a second reminder, then nothing once the call has closed", async () => {
    // An administration that submits its last draft meanwhile is no longer reminded.
    await db.dossier.updateMany({ where: { administrationId: ids.admins.mixed, status: "DRAFT" }, data: { status: "SUBMITTED" } });
    await runCallScheduler(db, new Date("2030-03-14T08:00:00Z"));
    await runCallScheduler(db, new Date("2030-03-15T21:00:00Z"));
    expect(await recipients(ids.call, "DEADLINE_1D")).toEqual([email("draft-1"), email("draft-2")]);
    const mail = (await outbox(ids.call)).find((m) => m.dedupeKey.includes(":DEADLINE_1D:"))!;
    expect(mail.subject).toBe(`Rappel : clôture des dépôts demain — Appel rappels ${run}`);
    await runCallScheduler(db, new Date("2030-03-16T08:00:00Z"));
    expect(await outbox(ids.call)).toHaveLength(5);
    expect(await db.callReminder.count({ where: { callId: ids.call } })).toBe(5);
  });

  it("audition day in 2 days: the active jurors of the call, once", async () => {
    await runCallScheduler(db, new Date("2030-04-08T06:59:00Z"));
    expect(await outbox(ids.juryCall)).toEqual([]);
    await Promise.all([runCallScheduler(db, new Date("2030-04-08T07:00:00Z")), runCallScheduler(db, new Date("2030-04-08T07:00:00Z"))]);
    await runCallScheduler(db, new Date("2030-04-09T12:00:00Z"));
    expect(await recipients(ids.juryCall, "JURY_DAY_2D")).toEqual([email("juror-1"), email("juror-2")]);
    const mail = (await outbox(ids.juryCall))[0]!;
    expect(mail.subject).toBe(`Rappel : journée d’auditions le 10 avril 2030 — Appel auditions ${run}`);
    expect(mail.text).toContain("premier passage à 09:30 (heure de Paris)");
    expect(mail.text).toContain(`/jury/rappels-jury-${run}`);
    expect(await db.callReminder.findMany({ where: { callId: ids.juryCall }, select: { kind: true, occasion: true }, distinct: ["occasion"] })).toEqual([{ kind: "JURY_DAY_2D", occasion: "2030-04-10" }]);
  });
});
