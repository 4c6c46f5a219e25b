import "server-only";
import { isDemo, readServerEnv } from "@/lib/env";
import { startCallScheduler } from "@/lib/calls/scheduler";
import { consoleTransport, transportFromEnv } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";
import { startExportWorker } from "@/lib/review/export-job";
import { db } from "./db";

/**
 * Workers run inside the app process and share its connection pool: with the
 * embedded database (one session) a second process could not connect safely.
 */
export function startAppWorkers(): void {
  const globalState = globalThis as unknown as { laureatWorkers?: boolean };
  if (globalState.laureatWorkers) return;
  globalState.laureatWorkers = true;
  if (readServerEnv().LAUREAT_WORKERS === false) {
    console.warn("[laureat] LAUREAT_WORKERS=0 : pas de travailleurs dans ce processus (courriels, exports, échéances).");
    return;
  }
  // Reminders and archiving only write to the database (the outbox): they run with or without SMTP.
  startCallScheduler(db);
  // Background exports write to the file store only.
  startExportWorker(db);
  const transport = transportFromEnv();
  if (transport) startOutboxWorker(db, transport);
  else if (isDemo(readServerEnv())) {
    // Demo without SMTP: sign-in and reset links must still reach someone.
    console.warn("[laureat] SMTP_URL absent (démo) : les courriels sont affichés dans ce terminal.");
    startOutboxWorker(db, consoleTransport);
  } else console.warn("[laureat] SMTP_URL absent : les courriels restent dans la file d’envoi (mail_outbox).");
}
