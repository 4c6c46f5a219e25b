import { createHash } from "node:crypto";

/**
 * Writes that survive a lost database connection, for every mutation that a
 * person may re-send (dossier submission, score save, …).
 *
 * 1. The browser generates an idempotency key when the form is shown (a
 *    hidden `idempotencyKey` field, `crypto.randomUUID()`), and re-sends the
 *    same key when the person retries.
 * 2. The mutation derives the id of the row it creates from that key
 *    (`idempotentId("dossier.submit", key)`) and, inside its transaction,
 *    first looks for that row: found = the earlier attempt committed, return
 *    its result without writing again. So a retry after a commit whose
 *    acknowledgement was lost writes nothing twice, and the primary key is
 *    the last line of defence against two concurrent replays.
 * 3. The transaction runs inside `runWrite`: a serialization failure or
 *    deadlock (the transaction certainly rolled back) is retried here; a lost
 *    connection (outcome unknown to us) becomes
 *    `{ ok: false, code: "RETRYABLE", message }` so that the person sees a
 *    French message and retries with the same key.
 *
 * lib/testing/fault-drills.int.test.ts kills the PostgreSQL backend in the
 * middle of such a transaction and checks the whole contract.
 */

export const RETRYABLE_MESSAGE = "La connexion au service a été interrompue et rien n’a été enregistré. Vous pouvez réessayer.";

export type RetryableFailure = { ok: false; code: "RETRYABLE"; message: string };

/** SQLSTATEs after which the transaction is known to have rolled back and may simply be re-run. */
const RERUN_SQLSTATES = new Set(["40001", "40P01"]);
/** Connection lost or server going away: the outcome of an in-flight COMMIT is unknown. */
const CONNECTION_SQLSTATES = /^(08|57P0[1-3])/;
const CONNECTION_MESSAGES = /connection (terminated|closed|ended|reset)|terminating connection|server (has )?closed the connection|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|Connection terminated unexpectedly|Client has encountered a connection error|not queryable/i;
/** Prisma's own codes for the same situations. */
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; kind?: unknown; originalCode?: unknown };

function* chain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    yield current as ErrorLike;
    const e = current as ErrorLike & { meta?: { driverAdapterError?: unknown } };
    current = e.cause ?? e.meta?.driverAdapterError;
  }
}

/** The transaction rolled back for a reason that a re-run can cure (serialization failure, deadlock). */
export function isRerunnable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && RERUN_SQLSTATES.has(e.code)) return true;
    if (typeof e.originalCode === "string" && RERUN_SQLSTATES.has(e.originalCode)) return true;
    if (e.code === "P2034") return true;
    if (e.kind === "TransactionWriteConflict") return true;
  }
  return false;
}

/** The connection to PostgreSQL was lost (terminated backend, reset socket, server restart). */
export function isConnectionLoss(error: unknown): boolean {
  for (const e of chain(error)) {
    for (const code of [e.code, e.originalCode]) {
      if (typeof code === "string" && (CONNECTION_SQLSTATES.test(code) || PRISMA_CONNECTION_CODES.has(code))) return true;
      if (typeof code === "string" && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)$/.test(code)) return true;
    }
    if (e.kind === "ConnectionClosed" || e.kind === "SocketTimeout" || e.kind === "DatabaseNotReachable") return true;
    if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * Runs one transactional write. Re-runs it (up to `attempts` times) when the
 * database rolled it back for a transient reason; turns a lost connection
 * into a retryable failure; lets any other error through (a bug is a 500,
 * not a message).
 */
export async function runWrite<T>(write: () => Promise<T>, options: { attempts?: number } = {}): Promise<{ ok: true; data: T } | RetryableFailure> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, data: await write() };
    } catch (error) {
      if (isRerunnable(error) && attempt < attempts) {
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
        continue;
      }
      if (isConnectionLoss(error) || isRerunnable(error)) return { ok: false, code: "RETRYABLE", message: RETRYABLE_MESSAGE };
      throw error;
    }
  }
}

/** A UUID derived from (scope, idempotency key): the same request always targets the same row. */
export function idempotentId(scope: string, key: string): string {
  const hex = createHash("sha256").update(scope).update("\0").update(key).digest("hex");
  // Shaped as a version-8 (custom) UUID, RFC 9562.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Idempotency keys come from the browser: accept only a UUID. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
