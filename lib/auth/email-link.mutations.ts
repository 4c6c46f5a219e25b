import "server-only";
import { appendAudit } from "@/lib/audit/audit";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import { consumeToken, issueToken, TOKEN_TTL_MINUTES } from "./email-token";
import { hashPassword } from "./password";
import { isRateLimited, recordAttempt } from "./rate-limit";
import type { SessionUser } from "./sign-in.mutations";

export type LinkRequest = { ok: true } | { ok: false; reason: "locked" };

/**
 * Sends a sign-in link if the address belongs to an active account. The
 * answer is the same either way (the caller shows one neutral message);
 * requests are rate limited per address and per IP whether or not the
 * account exists.
 */
export async function requestMagicLink(email: string, ip: string, origin: string): Promise<LinkRequest> {
  return requestLink("MAGIC_LINK", email, ip, (token, name) => {
    const url = `${origin}/connexion/lien?jeton=${token}`;
    return {
      subject: "Votre lien de connexion à Lauréat",
      text: `Bonjour ${name},\n\nPour vous connecter à Lauréat, ouvrez ce lien :\n${url}\n\nIl est valable ${TOKEN_TTL_MINUTES.MAGIC_LINK} minutes et ne fonctionne qu’une fois. Si vous n’avez rien demandé, ignorez ce message.\n\nL’équipe Lauréat`,
    };
  });
}

export async function requestPasswordReset(email: string, ip: string, origin: string): Promise<LinkRequest> {
  return requestLink("PASSWORD_RESET", email, ip, (token, name) => {
    const url = `${origin}/connexion/nouveau-mot-de-passe?jeton=${token}`;
    return {
      subject: "Réinitialisation de votre mot de passe Lauréat",
      text: `Bonjour ${name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien :\n${url}\n\nIl est valable ${TOKEN_TTL_MINUTES.PASSWORD_RESET} minutes et ne fonctionne qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.\n\nL’équipe Lauréat`,
    };
  });
}

async function requestLink(
  kind: "MAGIC_LINK" | "PASSWORD_RESET",
  email: string,
  ip: string,
  compose: (token: string, name: string) => { subject: string; text: string },
): Promise<LinkRequest> {
  if (await isRateLimited(db, "email_link", email, ip)) return { ok: false, reason: "locked" };
  const user = await db.user.findFirst({ where: { email, disabledAt: null }, select: { id: true, email: true, name: true } });
  await db.$transaction(async (tx) => {
    await recordAttempt(tx, { kind: "email_link", email, ip, succeeded: !!user });
    if (!user) return;
    const token = await issueToken(tx, user.id, kind);
    const mail = compose(token, user.name);
    await enqueueMail(tx, { dedupeKey: `auth-${kind}-${token.slice(0, 16)}`, to: user.email, ...mail });
    await appendAudit(tx, {
      actorId: null,
      action: kind === "MAGIC_LINK" ? "auth.magic_link_requested" : "auth.password_reset_requested",
      entityType: "user",
      entityId: user.id,
      data: { ip },
    });
  });
  return { ok: true };
}

/** Consumes a sign-in link: the session's user, or `null` for an unknown, expired or used link. */
export async function signInWithMagicLink(token: string, ip: string): Promise<SessionUser | null> {
  return db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "MAGIC_LINK");
    const user = userId
      ? await tx.user.findFirst({ where: { id: userId, disabledAt: null }, select: { id: true, email: true, name: true, sessionVersion: true } })
      : null;
    await appendAudit(tx, {
      actorId: user?.id ?? null,
      action: user ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      data: { method: "magic_link", ip },
    });
    return user ? { userId: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
  });
}

/**
 * Sets a new password from a reset link. The password is checked by the
 * caller before the link is consumed (a refused password keeps the link
 * usable). Every other session and pending reset link of the account stops
 * working.
 */
export async function resetPassword(token: string, password: string, ip: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const userId = await db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "PASSWORD_RESET");
    if (!userId) {
      await appendAudit(tx, { actorId: null, action: "auth.password_reset_failed", entityType: "user", entityId: null, data: { ip } });
      return null;
    }
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { id: true } });
    await tx.authToken.updateMany({ where: { userId, kind: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    await appendAudit(tx, { actorId: userId, action: "auth.password_reset", entityType: "user", entityId: userId, data: { ip } });
    return userId;
  });
  return userId !== null;
}
