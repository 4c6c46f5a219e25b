import "server-only";
import { encode } from "next-auth/jwt";
import { appendAudit } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import { verifyPassword, hashPassword } from "./password";
import { SESSION_MAX_AGE_SECONDS } from "./auth-options";

// Verified against when the account does not exist, so that both paths take
// the same time and the answer does not reveal whether the account exists.
const decoyHash = hashPassword("decoy-password-never-used");

export type PasswordCheck = { ok: true; userId: string; email: string; name: string } | { ok: false };

export async function checkPassword(email: string, password: string): Promise<PasswordCheck> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  const ok = valid && !!user?.passwordHash && !user.disabledAt;
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actorId: ok ? user!.id : null,
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      data: { method: "password" },
    }),
  );
  return ok ? { ok: true, userId: user!.id, email: user!.email, name: user!.name } : { ok: false };
}

/** A next-auth session token (encrypted JWT), readable by getServerSession. */
export function encodeSessionToken(user: { userId: string; email: string; name: string }): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return encode({ token: { sub: user.userId, email: user.email, name: user.name }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
}
