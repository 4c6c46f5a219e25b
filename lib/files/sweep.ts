import "server-only";
import { appendAudit } from "@/lib/audit/audit";
import type { Db, Tx } from "@/lib/server/prisma";
import type { FileStorage } from "./storage";

/**
 * How long a candidate waits before its object may be deleted. Bytes are
 * written before their row: an object younger than this may be one whose row
 * is about to be committed (an upload takes seconds, an export minutes).
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60_000;

const BATCH = 500;

/**
 * Registers a key whose bytes are about to be written, before writing them:
 * if the process dies before the row is written, the sweep finds it.
 */
export async function markSweepCandidate(client: Db | Tx, key: string): Promise<void> {
  await client.$executeRaw`insert into file_sweep_candidate (storage_key) values (${key}) on conflict (storage_key) do nothing`;
}

/** In the transaction that writes the key's row: the object is referenced, no longer a candidate. */
export async function clearSweepCandidate(tx: Tx, key: string): Promise<void> {
  await tx.fileSweepCandidate.deleteMany({ where: { storageKey: key } });
}

export type SweepRun = { checked: number; deleted: string[]; failed: string[] };

/**
 * Deletes the objects that lost their row, from the database's side (decision
 * 021): the candidates older than the grace period (a key written whose row
 * never came — a process that died, a refused upload whose bytes could not be
 * deleted — or a key whose row was deleted: an attachment removed, the
 * dossiers the retention archive deleted, an expired export) that no row
 * references. The store is never listed: a store shared with another
 * database is not touched beyond this database's keys.
 *
 * Idempotent; two processes at once delete the same objects twice, which is
 * not an error. A failed deletion keeps its candidate for the next pass. One
 * audit event per pass that deleted something.
 */
export async function sweepOrphanFiles(client: Db, storage: FileStorage, now: Date = new Date(), graceMs = ORPHAN_GRACE_MS): Promise<SweepRun> {
  const cutoff = new Date(now.getTime() - graceMs);
  const run: SweepRun = { checked: 0, deleted: [], failed: [] };
  let after = "";
  for (;;) {
    const batch = await client.$queryRaw<{ key: string; referenced: boolean }[]>`
      select c.storage_key as key,
        exists (select 1 from dossier_attachment a where a.storage_key = c.storage_key)
          or exists (select 1 from export_job j where j.storage_key = c.storage_key) as referenced
      from file_sweep_candidate c
      where c.since < ${cutoff} and c.storage_key > ${after}
      order by c.storage_key
      limit ${BATCH}`;
    if (batch.length === 0) break;
    after = batch.at(-1)!.key;
    const done: string[] = [];
    for (const { key, referenced } of batch) {
      run.checked++;
      if (referenced) {
        done.push(key); // a row holds it: live, not a candidate
        continue;
      }
      try {
        await storage.delete(key);
        run.deleted.push(key);
        done.push(key);
      } catch (error) {
        run.failed.push(key);
        console.warn(JSON.stringify({ level: "warn", event: "files.sweep.failed", key, error: String(error) }));
      }
    }
    await client.fileSweepCandidate.deleteMany({ where: { storageKey: { in: done } } });
  }
  if (run.deleted.length > 0) {
    await client.$transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "files.orphansDeleted", entityType: "file_store", entityId: storage.kind, data: { count: run.deleted.length, keys: run.deleted.slice(0, 100) } }),
    );
  }
  return run;
}
