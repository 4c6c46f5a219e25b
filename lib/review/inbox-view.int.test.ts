import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, DEMO_ROLLING_SLUG, seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { getInbox } from "./inbox.queries";
import { parseInboxParams } from "./inbox.schema";
import { deleteInboxView, renameInboxView, saveInboxView } from "./inbox-view.mutations";
import { listInboxViews } from "./inbox-view.queries";
import { MAX_VIEWS_PER_CALL } from "./inbox-view.schema";

let staff: Actor;
/** Staff of the same call: sees the inbox, never the other's views. */
let colleague: Actor;
/** Staff of the rolling window only. */
let otherCallStaff: Actor;
let applicant: Actor;
let juror: Actor;
let callId: string;
let rollingId: string;

async function actorByEmail(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}
async function newStaff(callIdOfGrant: string): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `vues-${randomUUID()}@example.fr`, name: "Instructeur de test", roles: { create: { role: "STAFF", callId: callIdOfGrant } } },
    select: { id: true },
  });
  return (await loadActor(user.id))!;
}

beforeAll(async () => {
  // Refusals are logged for the operators (console.warn).
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await seedDemo(db);
  callId = (await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } })).id;
  rollingId = (await db.call.findUniqueOrThrow({ where: { slug: DEMO_ROLLING_SLUG }, select: { id: true } })).id;
  staff = await newStaff(callId);
  colleague = await newStaff(callId);
  otherCallStaff = await newStaff(rollingId);
  applicant = await actorByEmail("candidat@demo.laureat.fr");
  juror = await actorByEmail("jury@demo.laureat.fr");
});

/** What a refused request must leave untouched. */
async function snapshot() {
  const [views, audits] = await Promise.all([
    db.inboxView.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, callId: true, name: true, query: true, updatedAt: true } }),
    db.auditEvent.count(),
  ]);
  return JSON.stringify({ views, audits });
}

const inboxOf = (actor: Actor, params: Record<string, string> = {}) => getInbox(actor, DEMO_CALL_SLUG, parseInboxParams(params).filters);

describe("saved inbox views", () => {
  it("saves the normalised query (no page position, default columns omitted) and audits it", async () => {
    const audits = await db.auditEvent.count({ where: { action: "review.view.saved", entityId: callId } });
    const r = await saveInboxView(staff, {
      callId,
      name: "  Lauréats API  ",
      query: "?statut=LAUREATE&categorie=api&apres=eyJ4IjoxfQ&colonnes=reference,title,administration,category,requested,status&tri=requested&ordre=desc&instructeur=me",
    });
    expect(r).toEqual({ ok: true, data: { id: expect.any(String), name: "Lauréats API", query: "statut=LAUREATE&categorie=api&tri=requested&ordre=desc&instructeur=me" } });
    expect(await db.auditEvent.count({ where: { action: "review.view.saved", entityId: callId } })).toBe(audits + 1);

    const page = await inboxOf(staff);
    expect(page!.views).toEqual([{ id: r.ok ? r.data.id : "", name: "Lauréats API", query: "statut=LAUREATE&categorie=api&tri=requested&ordre=desc&instructeur=me", ignored: [] }]);
    // Applying the view is following its link: the inbox parses its query like any URL.
    const applied = await inboxOf(staff, { statut: "LAUREATE", categorie: "api" });
    expect(applied!.total).toBe(4);
  });

  it("refuses an empty name, a too long one, control characters and a duplicate (letter case aside), in French, writing nothing", async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{ callId, name: "   ", query: "" }, "Nom de la vue : ce champ est obligatoire."],
      [{ callId, query: "" }, "Nom de la vue : ce champ est obligatoire."],
      [{ callId, name: "x".repeat(61), query: "" }, "Nom de la vue : 60 caractères au maximum."],
      [{ callId, name: "Vue\u0000nulle", query: "" }, "Nom de la vue : ce texte contient des caractères non autorisés."],
      [{ callId, name: "lauréats api", query: "" }, "Vous avez déjà une vue nommée « lauréats api » pour cet appel : choisissez un autre nom."],
    ];
    for (const [input, message] of cases) {
      const r = await saveInboxView(staff, input);
      expect(r.ok, message).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe("INVALID_INPUT");
        expect(r.fieldErrors?.name).toEqual([message]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a query the inbox would not understand", async () => {
    const before = await snapshot();
    const r = await saveInboxView(staff, { callId, name: "Piratée", query: "statut=LAUREATE&pirate=1&tri=title;drop table dossier" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.query?.[0]).toBe("Filtres de la vue : la liste affichée contient des paramètres inconnus. Rechargez la liste puis réessayez.");
    const long = await saveInboxView(staff, { callId, name: "Longue", query: `q=${"a".repeat(2001)}` });
    expect(long.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("shows a stored view that no longer parses with a notice, keeping only what the inbox understands", async () => {
    // As if a filter had been renamed since the view was saved (or the row edited by hand).
    const id = randomUUID();
    await db.inboxView.create({ data: { id, userId: staff.userId, callId, name: "Ancienne vue", query: "statut=LAUREATE&pirate=1&tri=drop&ministere=CUL" } });
    const views = await listInboxViews(staff, callId);
    expect(views.find((v) => v.id === id)).toEqual({ id, name: "Ancienne vue", query: "statut=LAUREATE&ministere=CUL", ignored: ["pirate", "tri"] });
    await db.inboxView.delete({ where: { id } });
  });

  it("is private: a colleague on the same call neither sees, renames nor deletes it", async () => {
    const mine = await saveInboxView(staff, { callId, name: "Privée", query: "presel=PENDING" });
    expect(mine.ok).toBe(true);
    const viewId = mine.ok ? mine.data.id : "";
    expect((await inboxOf(colleague))!.views).toEqual([]);
    expect(await listInboxViews(colleague, callId)).toEqual([]);
    const before = await snapshot();
    expect(await renameInboxView(colleague, { viewId, name: "Volée" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteInboxView(colleague, { viewId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    // The colleague may use the same name for their own view.
    expect((await saveInboxView(colleague, { callId, name: "Privée", query: "" })).ok).toBe(true);
  });

  it("refuses staff of another call, applicants and jurors (the call is not found for them)", async () => {
    const before = await snapshot();
    for (const actor of [otherCallStaff, applicant, juror]) {
      expect(await saveInboxView(actor, { callId, name: "Intrusion", query: "" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    const [own] = await listInboxViews(staff, callId);
    for (const actor of [otherCallStaff, applicant, juror]) {
      expect(await renameInboxView(actor, { viewId: own!.id, name: "Intrusion" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteInboxView(actor, { viewId: own!.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("renames (refusing a duplicate) and deletes, each audited", async () => {
    const a = await saveInboxView(staff, { callId, name: "À renommer", query: "statut=NOT_RETAINED" });
    const viewId = a.ok ? a.data.id : "";
    const dup = await renameInboxView(staff, { viewId, name: "PRIVÉE" });
    expect(dup).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: ["Vous avez déjà une vue nommée « PRIVÉE » pour cet appel : choisissez un autre nom."] } });
    const renamed = await renameInboxView(staff, { viewId, name: "Non retenus" });
    expect(renamed).toEqual({ ok: true, data: { id: viewId, name: "Non retenus", query: "statut=NOT_RETAINED" } });
    expect(await db.auditEvent.count({ where: { action: "review.view.renamed", entityId: callId } })).toBeGreaterThanOrEqual(1);
    expect((await listInboxViews(staff, callId)).map((v) => v.name)).toContain("Non retenus");
    expect(await deleteInboxView(staff, { viewId })).toEqual({ ok: true, data: { id: viewId } });
    expect(await db.inboxView.count({ where: { id: viewId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "review.view.deleted", entityId: callId } })).toBeGreaterThanOrEqual(1);
    expect(await deleteInboxView(staff, { viewId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it(`keeps at most ${MAX_VIEWS_PER_CALL} views per person and call, and not one more under concurrent saves`, async () => {
    const someone = await newStaff(callId);
    const results = await Promise.all(Array.from({ length: MAX_VIEWS_PER_CALL + 3 }, (_, i) => saveInboxView(someone, { callId, name: `Vue ${String(i).padStart(2, "0")}`, query: "" })));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_VIEWS_PER_CALL);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { name: [`Vous avez déjà ${MAX_VIEWS_PER_CALL} vues enregistrées pour cet appel : supprimez-en une avant d’en enregistrer une autre.`] } });
    expect(await db.inboxView.count({ where: { userId: someone.userId, callId } })).toBe(MAX_VIEWS_PER_CALL);
    // Another call counts apart.
    const rollingStaff = await newStaff(rollingId);
    expect((await saveInboxView(rollingStaff, { callId: rollingId, name: "Vue 00", query: "" })).ok).toBe(true);
  });
});
