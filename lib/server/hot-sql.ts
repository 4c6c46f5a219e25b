import "server-only";
import { dbPool } from "./db";

/**
 * One SQL statement sent straight through node-postgres, on the pool under
 * the app's Prisma client — for the two or three statements on which a crowd
 * waits at once: the submission at the deadline, the jurors' score saves on
 * audition day (decision 019). Prisma 7's raw query path costs the Node
 * process about half a millisecond more per call, and more with large
 * parameters (measured: a write with 25 parameters, 1.5 ms); at 200
 * submissions in flight, the Node process, not PostgreSQL, was the
 * bottleneck. Everything else goes through Prisma.
 *
 * The statement is parameterised (never concatenated); JSON results come back
 * parsed, timestamps inside JSON as ISO strings. Errors are node-postgres's,
 * which lib/server/retry.ts classifies like Prisma's.
 */
export async function hotRow<T>(text: string, values: readonly unknown[]): Promise<T | undefined> {
  const { rows } = await dbPool().query(text, values as unknown[]);
  return rows[0] as T | undefined;
}
