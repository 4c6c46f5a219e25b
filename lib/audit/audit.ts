import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/server/prisma";

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

/** Stable JSON: keys sorted, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

export function auditHash(prevHash: string | null, row: { at: Date } & Required<AuditInput>): string {
  const body = canonicalJson({
    prev: prevHash,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
  });
  return createHash("sha256").update(body).digest("hex");
}

// Any constant works; it only has to be the same for every writer.
const AUDIT_LOCK_KEY = 742_001;

/**
 * Appends one event, chained to the previous one. Must run inside the
 * mutation's transaction: the advisory lock serialises writers until commit,
 * so the chain never forks.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const row = {
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    data: JSON.parse(canonicalJson(input.data ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? null;
  await tx.auditEvent.create({ data: { ...row, data: row.data as object, prevHash, hash: auditHash(prevHash, row) } });
}

export type ChainReport = { ok: true; events: number } | { ok: false; events: number; brokenAt: bigint; reason: string };

/** Recomputes the whole chain; a rewritten or removed row breaks it. */
export async function verifyAuditChain(client: Db): Promise<ChainReport> {
  const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
  let prev: string | null = null;
  for (const r of rows) {
    if (r.prevHash !== prev) return { ok: false, events: rows.length, brokenAt: r.id, reason: "maillon précédent différent" };
    const expected = auditHash(prev, {
      at: r.at,
      actorId: r.actorId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: r.data as Record<string, unknown>,
    });
    if (expected !== r.hash) return { ok: false, events: rows.length, brokenAt: r.id, reason: "contenu modifié" };
    prev = r.hash;
  }
  return { ok: true, events: rows.length };
}
