/**
 * The browser side of « no score is ever lost »: every tap is written to
 * IndexedDB first, then sent in order. An answer (accepted, replayed or
 * refused) removes the operation; a network failure or a 5xx keeps it for the
 * next try (`online` event, timer). The server deduplicates by opId.
 */
import type { EvaluationOp } from "../jury.schema";

const DB_NAME = "laureat-jury";
const STORE = "ops";

type Stored = { seq?: number; callId: string; op: EvaluationOp };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = fn(t.objectStore(STORE));
    t.oncomplete = () => {
      db.close();
      resolve(req.result);
    };
    t.onerror = () => reject(t.error);
  });
}

export async function enqueue(callId: string, op: EvaluationOp): Promise<void> {
  await tx("readwrite", (s) => s.add({ callId, op } satisfies Stored));
}

export async function pending(callId: string): Promise<Stored[]> {
  const all = (await tx("readonly", (s) => s.getAll())) as Stored[];
  return all.filter((r) => r.callId === callId).sort((a, b) => a.seq! - b.seq!);
}

export type FlushReport = { sent: number; refused: { opId: string; message: string }[]; offline: boolean };

let flushing: Promise<FlushReport> | null = null;

/** Sends queued operations in order; one flush at a time. */
export function flush(callId: string): Promise<FlushReport> {
  flushing ??= (async () => {
    const report: FlushReport = { sent: 0, refused: [], offline: false };
    try {
      for (const row of await pending(callId)) {
        let res: Response;
        try {
          res = await fetch(`/api/jury/${callId}/evaluations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(row.op) });
        } catch {
          report.offline = true;
          break;
        }
        if (res.status >= 500 || res.status === 401) {
          report.offline = res.status >= 500;
          break;
        }
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { message?: string } | null;
          report.refused.push({ opId: row.op.opId, message: body?.message ?? "Note refusée." });
        } else report.sent++;
        await tx("readwrite", (s) => s.delete(row.seq!));
      }
    } finally {
      flushing = null;
    }
    return report;
  })();
  return flushing;
}
