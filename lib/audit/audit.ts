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

/**
 * The event's canonical JSON without its "prev" key and closing brace: "prev"
 * sorts last, so the database completes it with the previous hash it reads
 * under the chain's lock (audit_event_append, migration 20261201090000), and
 * sha256 of the result is exactly `auditHash(prev, row)`.
 */
export function canonicalWithoutPrev(row: { at: Date } & Required<AuditInput>): string {
  const json = canonicalJson({ at: row.at.toISOString(), actorId: row.actorId, action: row.action, entityType: row.entityType, entityId: row.entityId, data: row.data });
  return json.slice(0, -1);
}

/**
 * Appends one event, chained to the previous one. Must run inside the
 * mutation's transaction, best as its last statement: the database function
 * takes a transaction-level advisory lock that serialises writers until
 * commit, so the chain never forks, and holds it for this one round trip.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const row = preparedAuditEvent(input);
  await tx.$executeRaw`select audit_event_append(${row.at}, ${row.actorId}::uuid, ${row.action}, ${row.entityType}, ${row.entityId}, ${row.dataJson}::jsonb, ${row.canonicalWithoutPrev})`;
}

/**
 * An event ready for `audit_event_append`, for a database function that
 * appends it itself at the end of its own writes (jury_evaluation_write): the
 * instant is taken now, the data made canonical, the hash input computed.
 */
export function preparedAuditEvent(input: AuditInput) {
  const row = {
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    data: JSON.parse(canonicalJson(input.data ?? {})) as Record<string, unknown>,
  };
  return { ...row, dataJson: JSON.stringify(row.data), canonicalWithoutPrev: canonicalWithoutPrev(row) };
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
