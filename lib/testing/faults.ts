/**
 * Fault injection for the drills (lib/testing/fault-drills.int.test.ts).
 *
 * `dropConnection` cuts the connection that serves a transaction, from
 * outside it, the way a network failure or a database restart would:
 * - on a PostgreSQL server: `pg_terminate_backend(pid)` from another
 *   connection, `pid` being `pg_backend_pid()` read inside the transaction;
 * - on the embedded PGlite there is no backend process to kill (one session
 *   in the Node process): the client's socket is destroyed instead, which is
 *   what the app sees when the embedded server goes away.
 */
import pg from "pg";
import type { Tx } from "@/lib/server/prisma";

/** Pid of the backend serving this transaction. */
export async function backendPid(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`;
  return Number(rows[0]!.pid);
}

/** A pg pool that remembers its clients, so that a drill can find the socket behind a backend pid. */
export function trackedPool(connectionString: string, max: number): { pool: pg.Pool; clients: Set<pg.PoolClient> } {
  const pool = new pg.Pool({ connectionString, max });
  const clients = new Set<pg.PoolClient>();
  pool.on("connect", (client) => clients.add(client));
  pool.on("remove", (client) => clients.delete(client as pg.PoolClient));
  // A terminated backend makes an idle client emit "error"; the pool drops it.
  pool.on("error", () => {});
  return { pool, clients };
}

export type DropMethod = "pg_terminate_backend" | "socket destroyed";

export async function dropConnection(options: {
  pid: number;
  kind: "server" | "embedded";
  databaseUrl: string;
  clients: Set<pg.PoolClient>;
}): Promise<DropMethod> {
  if (options.kind === "server") {
    const killer = new pg.Client({ connectionString: options.databaseUrl });
    await killer.connect();
    try {
      const { rows } = await killer.query<{ done: boolean }>("select pg_terminate_backend($1) as done", [options.pid]);
      if (!rows[0]?.done) throw new Error(`pg_terminate_backend(${options.pid}) returned false`);
    } finally {
      await killer.end();
    }
    return "pg_terminate_backend";
  }
  const clients = [...options.clients];
  const byPid = clients.filter((c) => (c as unknown as { processID?: number }).processID === options.pid);
  const target = byPid[0] ?? (clients.length === 1 ? clients[0] : undefined);
  if (!target) throw new Error(`no client to cut for backend ${options.pid} among ${clients.length}`);
  (target as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
  return "socket destroyed";
}
