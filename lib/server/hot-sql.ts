import "server-only";
import { dbPool } from "./db";

/**
 * One SQL statement sent straight through node-postgres, on the pool under
 * the app's Prisma client — for the few statements on which a crowd waits at
 * once: the submission at the deadline, the jurors' score saves on audition
 * day, the session's actor on every signed-in request (decision 019).
 * Prisma 7's raw query path costs the Node process about half a millisecond
 * more per call, and more with large parameters (measured: a write with 25
 * parameters, 1.5 ms); at 200 submissions in flight, the Node process, not
 * PostgreSQL, was the bottleneck. Everything else goes through Prisma.
 *
 * Each is a named, prepared statement: every pooled connection parses and
 * plans it once, then only binds and executes it. Sent unnamed, the
 * submission's read was parsed and planned on each call — 1.75 of its
 * 1.95 ms in PostgreSQL (bench/deadline-surge, PostgreSQL's statement log).
 *
 * The statement is parameterised (never concatenated); JSON results come back
 * parsed, timestamps inside JSON as ISO strings. Errors are node-postgres's,
 * which lib/server/retry.ts classifies like Prisma's.
 */
export type HotStatement = { readonly name: string; readonly text: string };

const declared = new Map<string, string>();

/** Declares a hot statement once, at module level: one name, one text (node-postgres refuses a name reused for another text). */
export function hotStatement(name: string, text: string): HotStatement {
  const existing = declared.get(name);
  if (existing !== undefined && existing !== text) throw new Error(`hot statement « ${name} » declared twice with different texts`);
  declared.set(name, text);
  return { name: `laureat_${name}`, text };
}

/**
 * The embedded PGlite runs one session for every connection (scripts/start.ts,
 * lib/testing/global-setup.ts set LAUREAT_EMBEDDED_DB=1): a statement prepared
 * through one connection would already exist for the next. There, unnamed.
 */
const sharedSession = () => process.env.LAUREAT_EMBEDDED_DB === "1";

export async function hotRow<T>(statement: HotStatement, values: readonly unknown[]): Promise<T | undefined> {
  const query = sharedSession() ? { text: statement.text, values: values as unknown[] } : { name: statement.name, text: statement.text, values: values as unknown[] };
  const { rows } = await dbPool().query(query);
  return rows[0] as T | undefined;
}
