import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendAudit, auditHash, verifyAuditChain } from "./audit";

describe("audit trail", () => {
  it("chains events and verifies the chain", async () => {
    await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.one", entityType: "test", data: { b: 1, a: 2 } }));
    await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.two", entityType: "test", entityId: "x" }));
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(2);
  });

  it("the database computes the same hash as auditHash, Unicode and quotes included", async () => {
    const data = { "clé": "« guillemets » \"doubles\" \\ 🇫🇷 \u2028", n: 12.5, nested: { z: [1, "a"], a: null } };
    await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.unicode", entityType: "test", entityId: "é", data }));
    const [row] = await db.auditEvent.findMany({ where: { action: "test.unicode" }, orderBy: { id: "desc" }, take: 1 });
    expect(row!.hash).toBe(
      auditHash(row!.prevHash, { at: row!.at, actorId: row!.actorId, action: row!.action, entityType: row!.entityType, entityId: row!.entityId, data: row!.data as Record<string, unknown> }),
    );
    expect(row!.data).toEqual(data);
  });

  it("concurrent writers never fork the chain", async () => {
    const before = await db.auditEvent.count();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.concurrent", entityType: "test", entityId: String(i) }))),
    );
    expect(await db.auditEvent.count()).toBe(before + 20);
    const prevs = await db.auditEvent.groupBy({ by: ["prevHash"], _count: { _all: true }, having: { prevHash: { _count: { gt: 1 } } } });
    expect(prevs).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.keep", entityType: "test" }));
    await expect(db.$executeRawUnsafe(`update audit_event set action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`delete from audit_event`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`truncate audit_event`)).rejects.toThrow(/append-only/);
  });

  it("detects a row rewritten behind the trigger's back", async () => {
    await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.tamper", entityType: "test" }));
    // An attacker with table-owner rights can disable the trigger: the hash chain still tells.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("alter table audit_event disable trigger audit_event_no_update");
      await client.query(`update audit_event set action = 'test.rewritten' where action = 'test.tamper'`);
      const report = await verifyAuditChainWith(client);
      await client.query("rollback");
      expect(report).toMatchObject({ ok: false, reason: "contenu modifié" });
    } finally {
      await client.end();
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

/** Verifies inside the tampering transaction (the rewrite is visible only there). */
async function verifyAuditChainWith(client: pg.Client) {
  const { rows } = await client.query(
    `select id, at, actor_id "actorId", action, entity_type "entityType", entity_id "entityId", data, prev_hash "prevHash", hash from audit_event order by id`,
  );
  const fake = { auditEvent: { findMany: async () => rows.map((r) => ({ ...r, id: BigInt(r.id) })) } };
  return verifyAuditChain(fake as never);
}
