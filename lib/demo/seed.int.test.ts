import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCallFunnel, getPublicCall, listPublicCalls } from "@/lib/calls/call.queries";
import { verifyPassword } from "@/lib/auth/password";
import { isValidSiret } from "@/lib/publication/siret";
import { db } from "@/lib/server/db";
import round from "./data/france-relance-2021-round1.json" with { type: "json" };
import { DEMO_ACCOUNTS, DEMO_CALL_SLUG, DEMO_PASSWORD, DEMO_ROLLING_SLUG, seedDemo } from "./seed";

beforeAll(async () => {
  await seedDemo(db);
});

describe("demo seed, read back through the app's queries", () => {
  it("has the funnel of the 2021 round: 69 dossiers, 30 administrations, 12 ministries, 33 auditioned, 18 laureates", async () => {
    const call = await getPublicCall(DEMO_CALL_SLUG);
    expect(call).not.toBeNull();
    const funnel = await getCallFunnel(call!.id);
    expect(funnel).toEqual({ submitted: 69, administrations: 30, ministries: 12, preselected: 33, auditioned: 33, laureates: 18 });
    expect(call!.categories.map((c) => c.label)).toEqual(round.categories.map((c) => c.label));
    expect(call!.criteria).toHaveLength(4);
  });

  it("keeps the real laureates in their categories with their administrations", async () => {
    const laureates = await db.dossier.findMany({
      where: { call: { slug: DEMO_CALL_SLUG }, status: "LAUREATE" },
      select: { title: true, category: { select: { key: true } }, administration: { select: { name: true } } },
    });
    const expected = round.categories.flatMap((c) => c.laureates.map((l) => `${c.key}|${l.name}|${l.administration}`));
    expect(laureates.map((l) => `${l.category!.key}|${l.title}|${l.administration.name}`).sort()).toEqual(expected.sort());
    expect(new Set(laureates.map((l) => l.category!.key)).size).toBe(6);
  });

  it("marks every other dossier and administration as fictional", async () => {
    const others = await db.dossier.findMany({
      where: { call: { slug: DEMO_CALL_SLUG }, status: { not: "LAUREATE" } },
      select: { title: true, administration: { select: { name: true } } },
    });
    expect(others).toHaveLength(51);
    for (const d of others) {
      expect(d.title).toMatch(/fictif/);
      expect(d.administration.name).toMatch(/fictif|fictive/);
    }
  });

  it("leaves the 2021 results to publish: deliberation locked, fictional but valid SIRETs for the open data", async () => {
    const call = await db.call.findUniqueOrThrow({
      where: { slug: DEMO_CALL_SLUG },
      select: { phase: true, deliberationLockedAt: true, resultsPublishedAt: true, grantorSiret: true },
    });
    expect(call).toMatchObject({ phase: "DELIBERATION", resultsPublishedAt: null });
    expect(call.deliberationLockedAt).not.toBeNull();
    const sirets = (await db.administration.findMany({ where: { dossiers: { some: { call: { slug: DEMO_CALL_SLUG } } } }, select: { siret: true } })).map(
      (a) => a.siret,
    );
    expect(sirets).toHaveLength(30);
    for (const siret of [call.grantorSiret, ...sirets]) {
      expect(siret).toMatch(/^99999\d{9}$/);
      expect(isValidSiret(siret!)).toBe(true);
    }
  });

  it("opens a rolling window now, capped at 100 000 €", async () => {
    const calls = await listPublicCalls();
    const rolling = calls.find((c) => c.slug === DEMO_ROLLING_SLUG);
    expect(rolling).toMatchObject({ kind: "ROLLING", phase: "OPEN", closesAt: null });
    expect((await getPublicCall(DEMO_ROLLING_SLUG))!.maxRequestedCents).toBe(10_000_000n);
  });

  it("creates one working demo account per role", async () => {
    const users = await db.user.findMany({
      where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } },
      select: { email: true, passwordHash: true, roles: { select: { role: true } } },
    });
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(users.flatMap((u) => u.roles.map((r) => r.role)))).toEqual(new Set(["ADMIN", "STAFF", "JURY", "APPLICANT"]));
    expect(await verifyPassword(users[0]!.passwordHash!, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(users[0]!.passwordHash!, "wrong-password")).toBe(false);
  });

  it("is idempotent: a second run seeds nothing", async () => {
    // Other test files add rows of their own: compare before and after.
    const [dossiers, ministries, users] = await Promise.all([db.dossier.count(), db.ministry.count(), db.user.count()]);
    expect(await seedDemo(db)).toEqual({ seeded: false });
    expect(await Promise.all([db.dossier.count(), db.ministry.count(), db.user.count()])).toEqual([dossiers, ministries, users]);
  });

  it("ships the same facts as ../shared/data", () => {
    const shared = path.resolve(process.cwd(), "../shared/data/france-relance-2021-round1.json");
    if (!existsSync(shared)) return; // a checkout outside the workspace has only its own copy
    expect(JSON.parse(readFileSync(shared, "utf8"))).toEqual(round);
  });
});
