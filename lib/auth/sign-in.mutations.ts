import "server-only";
import { encode } from "next-auth/jwt";
import { appendAudit } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import { verifyPassword, hashPassword } from "./password";
import { SESSION_MAX_AGE_SECONDS } from "./auth-options";
import { isRateLimited, recordAttempt } from "./rate-limit";

// Verified against when the account does not exist, so that both paths take
// the same time and the answer does not reveal whether the account exists.
const decoyHash = hashPassword("decoy-password-never-used");

export type SessionUser = { userId: string; email: string; name: string; sessionVersion: number };
export type PasswordCheck = ({ ok: true } & SessionUser) | { ok: false; reason: "invalid" | "locked" };

/**
 * Verifies a password sign-in, rate limited per address and per IP. Every
 * outcome is audited; a lock is checked before the password, so that a
 * locked account cannot be probed further.
 */
export async function checkPassword(email: string, password: string, ip: string): Promise<PasswordCheck> {
  if (await isRateLimited(db, "password", email, ip)) {
    await db.$transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "auth.sign_in_locked", entityType: "user", entityId: null, data: { method: "password", email, ip } }),
    );
    return { ok: false, reason: "locked" };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  const ok = valid && !!user?.passwordHash && !user.disabledAt;
  await db.$transaction(async (tx) => {
    await recordAttempt(tx, { kind: "password", email, ip, succeeded: ok });
    await appendAudit(tx, {
      actorId: ok ? user!.id : null,
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      data: ok ? { method: "password", ip } : { method: "password", email, ip },
    });
  });
  return ok ? { ok: true, userId: user!.id, email: user!.email, name: user!.name, sessionVersion: user!.sessionVersion } : { ok: false, reason: "invalid" };
}

/** A next-auth session token (encrypted JWT), read by lib/auth/session.ts and by next-auth's own routes. */
export function encodeSessionToken(user: SessionUser): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return encode({
    token: { sub: user.userId, email: user.email, name: user.name, sv: user.sessionVersion },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** "Sign out everywhere": every token carrying the previous version stops working. */
export async function revokeAllSessions(userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    await appendAudit(tx, { actorId: userId, action: "auth.sign_out_everywhere", entityType: "user", entityId: userId });
  });
}
