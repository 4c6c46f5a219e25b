import "server-only";
import type { Db, Tx } from "@/lib/server/prisma";

/**
 * Limits, per e-mail address and per client IP, over a sliding window. The
 * counters live in PostgreSQL (auth_attempt) so that they hold across app
 * instances. The IP limit is higher: one ministry's agents may share an
 * outgoing address.
 */
export const RATE_LIMITS = {
  windowMinutes: 15,
  /** Failed password sign-ins before the account is locked for the window. */
  passwordFailuresPerAccount: 5,
  passwordFailuresPerIp: 20,
  /** E-mail link requests (magic link, password reset), successful or not. */
  emailLinksPerAccount: 5,
  emailLinksPerIp: 20,
} as const;

export type AttemptKind = "password" | "email_link";

export const LOCKED_MESSAGE =
  "Trop de tentatives : par sécurité, la connexion avec cette adresse ou depuis ce réseau est bloquée pendant 15 minutes. Réessayez plus tard.";

/** True while the address or the IP has reached its limit in the window. */
export async function isRateLimited(client: Db | Tx, kind: AttemptKind, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - RATE_LIMITS.windowMinutes * 60_000);
  // Only failures count for passwords; every request counts for e-mail links.
  const onlyFailures = kind === "password";
  const [perAccount, perIp] = await Promise.all([
    client.authAttempt.count({ where: { kind, email, at: { gt: since }, ...(onlyFailures ? { succeeded: false } : {}) } }),
    client.authAttempt.count({ where: { kind, ip, at: { gt: since }, ...(onlyFailures ? { succeeded: false } : {}) } }),
  ]);
  const [accountLimit, ipLimit] =
    kind === "password"
      ? [RATE_LIMITS.passwordFailuresPerAccount, RATE_LIMITS.passwordFailuresPerIp]
      : [RATE_LIMITS.emailLinksPerAccount, RATE_LIMITS.emailLinksPerIp];
  return perAccount >= accountLimit || perIp >= ipLimit;
}

export async function recordAttempt(tx: Tx, attempt: { kind: AttemptKind; email: string; ip: string; succeeded: boolean }): Promise<void> {
  await tx.authAttempt.create({ data: attempt });
  // Rows older than a day serve no limit: prune them now and then.
  if (Math.random() < 0.01) await tx.authAttempt.deleteMany({ where: { at: { lt: new Date(Date.now() - 86_400_000) } } });
}
