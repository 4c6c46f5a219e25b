import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor.queries";
import { DEMO_CALL_SLUG, seedDemo } from "@/lib/demo/seed";
import { db } from "@/lib/server/db";
import { getInbox } from "./inbox.queries";
import { parseInboxParams } from "./inbox.schema";

const actorOf = async (email: string): Promise<Actor> => {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
};
let staff: Actor;

beforeAll(async () => {
  await seedDemo(db);
  staff = await actorOf("instruction@demo.laureat.fr");
});

const inbox = (params: Record<string, string>, actor = staff) => getInbox(actor, DEMO_CALL_SLUG, parseInboxParams(params).filters);

describe("staff inbox", () => {
  it("lists the call's 69 dossiers with counts per status", async () => {
    const page = await inbox({});
    expect(page!.total).toBe(69);
    expect(page!.rows).toHaveLength(50);
    expect(page!.statusCounts).toEqual({ LAUREATE: 18, NOT_RETAINED: 15, NOT_PRESELECTED: 36 });
  });

  it("is refused to applicants and jurors", async () => {
    expect(await inbox({}, await actorOf("candidat@demo.laureat.fr"))).toBeNull();
    expect(await inbox({}, await actorOf("jury@demo.laureat.fr"))).toBeNull();
    expect(await inbox({}, await actorOf("admin@demo.laureat.fr"))).not.toBeNull();
  });

  it("searches title, summary and administration in French, ignoring accents", async () => {
    const byAccentless = await inbox({ q: "donnees maritimes" });
    expect(byAccentless!.rows.map((r) => r.title)).toContain("ANAIS");
    const byAdministration = await inbox({ q: "Mobilier national" });
    expect(byAdministration!.rows.map((r) => r.title)).toEqual(["Numériser les collections textiles historiques du Mobilier national"]);
    const hostile = await inbox({ q: "'); drop table dossier; --" });
    expect(hostile!.total).toBe(0);
    expect(await db.dossier.count()).toBeGreaterThanOrEqual(69);
  });

  it("filters by status, category, ministry and amount", async () => {
    const page = await inbox({ statut: "LAUREATE", categorie: "api" });
    expect(page!.total).toBe(4);
    const culture = await inbox({ ministere: "CUL", statut: "LAUREATE" });
    expect(culture!.rows.every((r) => r.ministry === "Ministère de la Culture")).toBe(true);
    expect(culture!.total).toBe(3);
    const amounts = await inbox({ min: "500000", max: "600000" });
    expect(amounts!.rows.every((r) => r.requestedCents >= 50_000_000n && r.requestedCents <= 60_000_000n)).toBe(true);
  });

  it("pages with a keyset cursor, in a stable order, on every sort", async () => {
    for (const tri of ["submittedAt", "title", "administration", "requested", "status", "category", "ministry", "reference"]) {
      for (const ordre of ["asc", "desc"]) {
        const first = await inbox({ tri, ordre });
        const second = await inbox({ tri, ordre, apres: first!.next! });
        const ids = [...first!.rows, ...second!.rows].map((r) => r.id);
        expect(new Set(ids).size, `${tri} ${ordre}`).toBe(69);
        expect(second!.next).toBeNull();
      }
    }
  });

  it("pages a filtered list with its total read in the page query, the same total on every page", async () => {
    for (const tri of ["submittedAt", "title", "administration", "requested", "status", "category", "ministry", "reference"]) {
      for (const ordre of ["asc", "desc"]) {
        const params = { statut: "NOT_PRESELECTED,LAUREATE", min: "1", tri, ordre };
        const first = await inbox(params);
        const second = await inbox({ ...params, apres: first!.next! });
        expect(first!.total, `${tri} ${ordre}`).toBe(54);
        expect(second!.total, `${tri} ${ordre}`).toBe(54);
        expect(new Set([...first!.rows, ...second!.rows].map((r) => r.id)).size, `${tri} ${ordre}`).toBe(54);
        expect(second!.next).toBeNull();
        // The same order as the statuses-only list (the other query shape), less the rows under 1 €.
        const byStatus = await inbox({ statut: params.statut, tri, ordre });
        const byStatusNext = await inbox({ statut: params.statut, tri, ordre, apres: byStatus!.next! });
        expect(
          [...first!.rows, ...second!.rows].map((r) => r.id),
          `${tri} ${ordre}`,
        ).toEqual([...byStatus!.rows, ...byStatusNext!.rows].filter((r) => r.requestedCents >= 100n).map((r) => r.id));
      }
    }
    // Filters and sorts that read the joined tables, counted before the join of the page.
    const cultureApi = await inbox({ ministere: "CUL", categorie: "api", min: "1", tri: "administration" });
    const culture = await inbox({ ministere: "CUL", tri: "administration" });
    const expected = culture!.rows.filter((r) => r.category === cultureApi!.rows[0]?.category && r.requestedCents >= 100n);
    expect(cultureApi!.total).toBeGreaterThan(0);
    expect(cultureApi!.total).toBe(expected.length);
    expect(cultureApi!.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // A cursor past the last row: an empty page, the total still right.
    const last = await inbox({ statut: "LAUREATE", min: "1", tri: "requested", ordre: "desc" });
    const lastRow = last!.rows.at(-1)!;
    const { encodeCursor } = await import("./inbox.schema");
    const beyond = await inbox({ statut: "LAUREATE", min: "1", tri: "requested", ordre: "desc", apres: encodeCursor(Number(lastRow.requestedCents), lastRow.id) });
    expect(beyond!.rows).toEqual([]);
    expect(beyond!.total).toBe(18);
  });
});

describe("review filters", () => {
  it("filter by assignee (me), label and decision, through bound parameters", async () => {
    const { randomUUID } = await import("node:crypto");
    const { createTag } = await import("./review.mutations");
    const call = await db.call.findUniqueOrThrow({ where: { slug: DEMO_CALL_SLUG }, select: { id: true } });
    const [first, second] = await db.dossier.findMany({ where: { callId: call.id }, orderBy: { reference: "asc" }, take: 2, select: { id: true } });
    await db.reviewAssignment.create({ data: { dossierId: first!.id, userId: staff.userId } });
    const tag = await createTag(staff, { callId: call.id, label: `Filtre ${randomUUID().slice(0, 8)}`, colour: "pink-tuile" });
    if (!tag.ok) throw new Error(tag.message);
    await db.reviewDossierTag.create({ data: { dossierId: second!.id, tagId: tag.data.id } });

    const mine = await inbox({ instructeur: "me" });
    expect(mine!.rows.map((r) => r.id)).toEqual([first!.id]);
    expect(mine!.rows[0]!.review.assignees).toEqual([staff.userId]);
    const tagged = await inbox({ etiquette: tag.data.id });
    expect(tagged!.rows.map((r) => r.id)).toEqual([second!.id]);
    expect(tagged!.rows[0]!.review.tags).toEqual([tag.data.id]);
    expect((await inbox({ presel: "NONE" }))!.total).toBe(69);
    expect((await inbox({ presel: "PENDING" }))!.total).toBe(0);
    // Another person's "me" is their own: the jury is refused anyway, an admin sees none assigned to them.
    expect((await inbox({ instructeur: "me" }, await actorOf("admin@demo.laureat.fr")))!.total).toBe(0);
  });
});
