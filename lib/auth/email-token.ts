import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { AuthTokenKind } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/server/prisma";

export const TOKEN_TTL_MINUTES: Record<AuthTokenKind, number> = { MAGIC_LINK: 15, PASSWORD_RESET: 30 };

export const hashToken = (raw: string) => createHash("sha256").update(raw).digest("hex");

/** A fresh 256-bit token; only its hash is stored, so a database leak yields no usable link. */
export async function issueToken(tx: Tx, userId: string, kind: AuthTokenKind, now = new Date()): Promise<string> {
  const raw = randomBytes(32).toString("base64url");
  await tx.authToken.create({
    data: { id: randomUUID(), kind, userId, tokenHash: hashToken(raw), expiresAt: new Date(now.getTime() + TOKEN_TTL_MINUTES[kind] * 60_000) },
  });
  return raw;
}

/**
 * Marks the token used and returns its user, or `null` if it is unknown,
 * expired or already used. One conditional UPDATE: two concurrent uses
 * cannot both succeed.
 */
export async function consumeToken(tx: Tx, raw: string, kind: AuthTokenKind, now = new Date()): Promise<string | null> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    update auth_token set used_at = ${now}
    where token_hash = ${hashToken(raw)} and kind = ${kind}::auth_token_kind and used_at is null and expires_at > ${now}
    returning user_id::text`;
  return rows[0]?.user_id ?? null;
}
