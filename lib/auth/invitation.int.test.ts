import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "./actor";
import { loadActor } from "./actor.queries";
import { acceptInvitation, createInvitation, revokeInvitation } from "./invitation.mutations";
import { loadInvitationConsole, loadInvitationPreview } from "./invitation.queries";

const ORIGIN = "http://localhost:3000";
const run = randomUUID().slice(0, 8);
const ids = { ministry: randomUUID(), adminA: randomUUID(), adminB: randomUUID(), call: randomUUID() };
let admin: Actor, staff: Actor;

const email = (who: string) => `${who}-${run}@example.gouv.fr`;
const counts = async () => {
  const [invitations, outbox, users, audit, grants] = await Promise.all([
    db.invitation.count(),
    db.mailOutbox.count(),
    db.user.count(),
    db.auditEvent.count(),
    db.roleGrant.count(),
  ]);
  return { invitations, outbox, users, audit, grants };
};

async function tokenFor(to: string): Promise<string> {
  const mail = await db.mailOutbox.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const match = /\/invitation\?jeton=([A-Za-z0-9_-]{43})/.exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return match![1]!;
}

beforeAll(async () => {
  await db.ministry.create({ data: { id: ids.ministry, code: `I${run}`, name: `Ministère des invitations ${run}` } });
  await db.administration.createMany({
    data: [
      { id: ids.adminA, ministryId: ids.ministry, name: `Administration invitante A ${run}`, kind: "CENTRAL" },
      { id: ids.adminB, ministryId: ids.ministry, name: `Administration invitante B ${run}`, kind: "OPERATOR" },
    ],
  });
  await db.call.create({
    data: { id: ids.call, slug: `invitations-${run}`, title: `Appel des invitations ${run}`, summary: "-", description: "-", kind: "ROLLING", phase: "OPEN", opensAt: new Date(), budgetEnvelopeCents: 0n },
  });
  const adminUser = await db.user.create({ data: { email: email("admin"), name: "Ada Administratrice", roles: { create: { role: "ADMIN" } } } });
  const staffUser = await db.user.create({ data: { email: email("staff"), name: "Sam Instructeur", roles: { create: { role: "STAFF" } } } });
  admin = (await loadActor(adminUser.id))!;
  staff = (await loadActor(staffUser.id))!;
});
afterAll(async () => {
  await db.invitation.deleteMany({ where: { email: { contains: run } } });
  await db.user.deleteMany({ where: { email: { contains: run } } });
  await db.call.deleteMany({ where: { id: ids.call } });
  await db.administration.deleteMany({ where: { ministryId: ids.ministry } });
  await db.ministry.delete({ where: { id: ids.ministry } });
});

describe("invitations", () => {
  it("lets an administrator invite to an administration; the link creates the account, grants the role and works once", async () => {
    const to = email("nouvelle");
    const created = await createInvitation(admin, { email: ` ${to.toUpperCase()} `, name: "Nina Nouvelle", kind: "ADMINISTRATION", administrationId: ids.adminA }, ORIGIN);
    expect(created).toMatchObject({ ok: true });
    const token = await tokenFor(to);
    expect(await loadInvitationPreview(token)).toMatchObject({ email: to, kind: "ADMINISTRATION", target: `Administration invitante A ${run}` });
    expect(await db.auditEvent.count({ where: { action: "invitation.created", actorId: admin.userId } })).toBe(1);

    const accepted = await acceptInvitation({ token }, "192.0.2.1");
    expect(accepted).toMatchObject({ ok: true, data: { destination: "/espace/dossiers", user: { email: to, name: "Nina Nouvelle" } } });
    const actor = await loadActor(accepted.ok ? accepted.data.user.userId : "");
    expect(actor).toMatchObject({ administrationId: ids.adminA, grants: [{ role: "APPLICANT", callId: null }] });
    expect(await db.auditEvent.count({ where: { action: { in: ["invitation.accepted", "role.granted"] }, actorId: actor!.userId } })).toBe(2);

    // Once only: a second click, or a replayed link, changes nothing.
    const before = await counts();
    expect(await acceptInvitation({ token }, "192.0.2.1")).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/n’est pas valide/) });
    expect(await counts()).toEqual(before);
    expect(await loadInvitationPreview(token)).toBeNull();
  });

  it("adds an existing person to a call's jury", async () => {
    const existing = await db.user.create({ data: { email: email("experte"), name: "Eva Experte" } });
    expect(await createInvitation(admin, { email: existing.email, name: "Eva Experte", kind: "JURY", callId: ids.call }, ORIGIN)).toMatchObject({ ok: true });
    const accepted = await acceptInvitation({ token: await tokenFor(existing.email) }, "192.0.2.2");
    expect(accepted).toMatchObject({ ok: true, data: { destination: `/jury/invitations-${run}`, user: { userId: existing.id } } });
    expect(await db.juryMember.count({ where: { callId: ids.call, userId: existing.id } })).toBe(1);
    expect((await loadActor(existing.id))!.grants).toEqual([{ role: "JURY", callId: ids.call }]);
  });

  it("refuses everyone but administrators, and writes nothing", async () => {
    const before = await counts();
    const input = { email: email("refus"), name: "Rémi Refus", kind: "STAFF" };
    expect(await createInvitation(staff, input, ORIGIN)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createInvitation(null, input, ORIGIN)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await loadInvitationConsole(staff)).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with a French message per field, and writes nothing", async () => {
    const before = await counts();
    const cases: [unknown, string, RegExp][] = [
      [{ email: "pas-une-adresse", name: "X Y", kind: "STAFF" }, "email", /adresse électronique valide/],
      [{ email: email("a"), name: "", kind: "STAFF" }, "name", /nom de la personne/],
      [{ email: email("a"), name: "Alice", kind: "ADMINISTRATION" }, "administrationId", /Choisissez l’administration/],
      [{ email: email("a"), name: "Alice", kind: "JURY", callId: "" }, "callId", /Choisissez l’appel/],
      [{ email: email("a"), name: "Alice", kind: "ROOT" }, "kind", /type d’invitation/],
      [{ email: email("a"), name: "Alice", kind: "ADMINISTRATION", administrationId: randomUUID() }, "administrationId", /introuvable/],
      [{ email: email("a"), name: "<script>alert(1)</script>".repeat(10), kind: "STAFF" }, "name", /trop long/],
    ];
    for (const [input, field, message] of cases) {
      const result = await createInvitation(admin, input, ORIGIN);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(!result.ok && result.fieldErrors?.[field]?.join(" "), field).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses to move a member of another administration", async () => {
    const member = await db.user.create({ data: { email: email("membre-b"), name: "Bob Membre", administrationId: ids.adminB } });
    const result = await createInvitation(admin, { email: member.email, name: "Bob Membre", kind: "ADMINISTRATION", administrationId: ids.adminA }, ORIGIN);
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringMatching(/autre administration/)] } });
  });

  it("expires, and can be revoked; a new invitation replaces the pending one", async () => {
    const to = email("tardive");
    const first = await createInvitation(admin, { email: to, name: "Théo Tardif", kind: "STAFF", callId: ids.call }, ORIGIN);
    const firstToken = await tokenFor(to);
    expect(first.ok).toBe(true);
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    const before = await counts();
    expect(await acceptInvitation({ token: firstToken }, "192.0.2.3", eightDaysLater)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await counts()).toEqual(before);

    // Sending again revokes the first link.
    await createInvitation(admin, { email: to, name: "Théo Tardif", kind: "STAFF", callId: ids.call }, ORIGIN);
    const secondToken = await tokenFor(to);
    expect(secondToken).not.toBe(firstToken);
    expect(await acceptInvitation({ token: firstToken }, "192.0.2.3")).toMatchObject({ ok: false });

    const pending = await db.invitation.findFirstOrThrow({ where: { email: to, revokedAt: null } });
    expect(await revokeInvitation(staff, { invitationId: pending.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await revokeInvitation(admin, { invitationId: pending.id })).toMatchObject({ ok: true });
    expect(await revokeInvitation(admin, { invitationId: pending.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await acceptInvitation({ token: secondToken }, "192.0.2.3")).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await db.user.count({ where: { email: to } })).toBe(0);

    const console = await loadInvitationConsole(admin);
    expect(console!.invitations.filter((i) => i.email === to).map((i) => i.status)).toEqual(["REVOKED", "REVOKED"]);
  });

  it("refuses malformed tokens", async () => {
    for (const token of ["", "x", "a".repeat(43) + "'", null, 42, { $ne: null }]) {
      expect(await acceptInvitation({ token }, "192.0.2.4")).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(await loadInvitationPreview(token)).toBeNull();
    }
  });
});
