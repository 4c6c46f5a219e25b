import { availableParallelism } from "node:os";

/**
 * The connection pool's default size: one connection per core (at least 2).
 * The portal's Node process and PostgreSQL share the machine's cores; more
 * connections than PostgreSQL can run at once only lengthen the queue inside
 * the database and take turns on the same cores. Measured on our 2-core
 * machines with the hot statements prepared (7 Dec 2026):
 * - 200 submissions at the deadline (bench/deadline-surge): 565–634/s with 1
 *   connection, 576–586/s with 2, 468–477/s with 3, 400–466/s with 5, 300/s
 *   with 10;
 * - fifteen jurors saving at once (bench/jury-scoring): p95 25–27 ms with 2,
 *   24–28 ms with 3, 35–42 ms with 5.
 * (Earlier, 29 Nov, before the hot statements: p95 66 ms with 3, 71–109 ms
 * with 5, 85–112 ms with 10, 142–197 ms with 20.) Two, not one: a page's
 * heavy query and its side queries still run side by side.
 * Set DATABASE_POOL_MAX to override (a database on its own, larger machine);
 * the embedded database always gets 1.
 */
export function defaultPoolMax(): number {
  return Math.max(2, availableParallelism());
}
