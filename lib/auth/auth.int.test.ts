import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { loadSessionActor } from "./actor.queries";
import { requestMagicLink, requestPasswordReset, resetPassword, signInWithMagicLink } from "./email-link.mutations";
import { hashPassword, verifyPassword } from "./password";
import { RATE_LIMITS } from "./rate-limit";
import { checkPassword, revokeAllSessions } from "./sign-in.mutations";

const PASSWORD = "une phrase de passe solide";
const ORIGIN = "http://localhost:3000";

async function createUser(prefix: string) {
  const email = `${prefix}-${randomUUID().slice(0, 8)}@example.gouv.fr`;
  const user = await db.user.create({ data: { email, name: `Agent ${prefix}`, passwordHash: await hashPassword(PASSWORD) } });
  return user;
}
const uniqueIp = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const auditCount = (action: string, entityId?: string) => db.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });

async function linkFromOutbox(to: string, path: string): Promise<string> {
  const mail = await db.mailOutbox.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const match = new RegExp(`${ORIGIN}${path}\\?jeton=([A-Za-z0-9_-]{43})`).exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return match![1]!;
}

let users: Record<string, Awaited<ReturnType<typeof createUser>>>;
beforeAll(async () => {
  users = {
    lock: await createUser("lock"),
    ok: await createUser("ok"),
    revoke: await createUser("revoke"),
    magic: await createUser("magic"),
    reset: await createUser("reset"),
  };
});

describe("password sign-in", () => {
  it("signs in with the right password and audits it", async () => {
    const before = await auditCount("auth.sign_in", users.ok!.id);
    const result = await checkPassword(users.ok!.email, PASSWORD, uniqueIp());
    expect(result).toMatchObject({ ok: true, userId: users.ok!.id, sessionVersion: 1 });
    expect(await auditCount("auth.sign_in", users.ok!.id)).toBe(before + 1);
  });

  it("answers the same for a wrong password and an unknown address, creating nothing", async () => {
    const usersBefore = await db.user.count();
    expect(await checkPassword(users.ok!.email, "mauvais mot de passe", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPassword("personne@example.gouv.fr", "mauvais mot de passe", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await db.user.count()).toBe(usersBefore);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed", data: { path: ["email"], equals: "personne@example.gouv.fr" } } })).toBe(1);
  });

  it(`locks an address after ${RATE_LIMITS.passwordFailuresPerAccount} failures, even for the right password, from any IP`, async () => {
    const email = users.lock!.email;
    for (let i = 0; i < RATE_LIMITS.passwordFailuresPerAccount; i++) {
      expect(await checkPassword(email, `faux-${i}`, uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkPassword(email, PASSWORD, uniqueIp())).toEqual({ ok: false, reason: "locked" });
    expect(await auditCount("auth.sign_in_locked")).toBeGreaterThanOrEqual(1);
    // Another account is not affected.
    expect((await checkPassword(users.ok!.email, PASSWORD, uniqueIp())).ok).toBe(true);
    // The lock lasts the window only: once the failures are older, it lifts.
    await db.authAttempt.updateMany({ where: { email }, data: { at: new Date(Date.now() - (RATE_LIMITS.windowMinutes + 1) * 60_000) } });
    expect((await checkPassword(email, PASSWORD, uniqueIp())).ok).toBe(true);
  });

  it(`locks an IP after ${RATE_LIMITS.passwordFailuresPerIp} failures across addresses`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < RATE_LIMITS.passwordFailuresPerIp; i++) await checkPassword(`inconnu-${i}@example.fr`, "x", ip);
    expect(await checkPassword(users.ok!.email, PASSWORD, ip)).toEqual({ ok: false, reason: "locked" });
    expect((await checkPassword(users.ok!.email, PASSWORD, uniqueIp())).ok).toBe(true);
  });
});

describe("sign out everywhere", () => {
  it("refuses every session carrying the previous version", async () => {
    const user = users.revoke!;
    expect(await loadSessionActor(user.id, 1)).toMatchObject({ userId: user.id });
    await revokeAllSessions(user.id);
    expect(await loadSessionActor(user.id, 1)).toBeNull();
    expect(await loadSessionActor(user.id, 2)).toMatchObject({ userId: user.id });
    expect(await auditCount("auth.sign_out_everywhere", user.id)).toBe(1);
  });
});

describe("magic link", () => {
  it("sends a link that works once", async () => {
    const user = users.magic!;
    expect(await requestMagicLink(user.email, uniqueIp(), ORIGIN)).toEqual({ ok: true });
    const token = await linkFromOutbox(user.email, "/connexion/lien");
    expect(await db.authToken.count({ where: { tokenHash: token } })).toBe(0); // stored hashed only
    expect(await signInWithMagicLink(token, uniqueIp())).toMatchObject({ userId: user.id });
    expect(await signInWithMagicLink(token, uniqueIp())).toBeNull();
  });

  it("refuses an expired link", async () => {
    const user = users.magic!;
    await requestMagicLink(user.email, uniqueIp(), ORIGIN);
    const token = await linkFromOutbox(user.email, "/connexion/lien");
    await db.authToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await signInWithMagicLink(token, uniqueIp())).toBeNull();
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const mails = await db.mailOutbox.count();
    expect(await requestMagicLink("inconnu-magic@example.gouv.fr", uniqueIp(), ORIGIN)).toEqual({ ok: true });
    expect(await db.mailOutbox.count()).toBe(mails);
  });

  it(`limits requests to ${RATE_LIMITS.emailLinksPerAccount} per address in the window`, async () => {
    const email = "inonde@example.gouv.fr";
    for (let i = 0; i < RATE_LIMITS.emailLinksPerAccount; i++) expect(await requestMagicLink(email, uniqueIp(), ORIGIN)).toEqual({ ok: true });
    expect(await requestMagicLink(email, uniqueIp(), ORIGIN)).toEqual({ ok: false, reason: "locked" });
  });
});

describe("password reset", () => {
  it("sets the new password once, revokes sessions, and the link cannot be reused", async () => {
    const user = users.reset!;
    await requestPasswordReset(user.email, uniqueIp(), ORIGIN);
    const token = await linkFromOutbox(user.email, "/connexion/nouveau-mot-de-passe");
    expect(await resetPassword(token, "un tout nouveau mot de passe", uniqueIp())).toBe(true);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash!, "un tout nouveau mot de passe")).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);

    expect(await resetPassword(token, "encore un autre mot de passe", uniqueIp())).toBe(false);
    const unchanged = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(unchanged.passwordHash).toBe(after.passwordHash);
    expect(await auditCount("auth.password_reset", user.id)).toBe(1);
  });

  it("a magic-link token is not a reset token", async () => {
    const user = users.reset!;
    await requestMagicLink(user.email, uniqueIp(), ORIGIN);
    const token = await linkFromOutbox(user.email, "/connexion/lien");
    expect(await resetPassword(token, "un mot de passe volé ici", uniqueIp())).toBe(false);
  });
});
