/**
 * `npm run audit:verify`: recomputes the hash chain of the audit trail and
 * exits non-zero when a past row was rewritten or removed.
 */
import { verifyAuditChain } from "@/lib/audit/audit";
import { createPrismaClient } from "@/lib/server/prisma";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("[audit:verify] DATABASE_URL n’est pas défini.");
    return 2;
  }
  const db = createPrismaClient(url, 1);
  try {
    const report = await verifyAuditChain(db);
    if (report.ok) {
      console.log(`Journal d’audit intègre : ${report.events} événements vérifiés.`);
      return 0;
    }
    console.error(`Journal d’audit altéré à l’événement n° ${report.brokenAt} (${report.reason}) — ${report.events} événements.`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[audit:verify]", error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
