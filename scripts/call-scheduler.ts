/**
 * `npm run calls:schedule`: one pass of the call scheduler (reminders,
 * archiving of calls whose retention period has passed), then exit. The app
 * process runs the same pass every few minutes; running both is safe.
 * `--at=2021-02-08T08:00:00Z` runs it as if it were that instant.
 */
import { runCallScheduler } from "@/lib/calls/scheduler";
import { createPrismaClient } from "@/lib/server/prisma";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("[calls:schedule] DATABASE_URL n’est pas défini.");
    return 2;
  }
  const at = process.argv.find((a) => a.startsWith("--at="))?.slice("--at=".length);
  const now = at ? new Date(at) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`[calls:schedule] instant illisible : ${at}`);
    return 2;
  }
  const db = createPrismaClient(url, 2);
  try {
    const run = await runCallScheduler(db, now);
    console.log(JSON.stringify({ at: now.toISOString(), ...run }));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[calls:schedule]", error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
