import "server-only";
import { transportFromEnv } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";
import { db } from "./db";

/**
 * Workers run inside the app process and share its connection pool: with the
 * embedded database (one session) a second process could not connect safely.
 */
export function startAppWorkers(): void {
  const globalState = globalThis as unknown as { laureatWorkers?: boolean };
  if (globalState.laureatWorkers) return;
  globalState.laureatWorkers = true;
  const transport = transportFromEnv();
  if (transport) startOutboxWorker(db, transport);
  else console.warn("[laureat] SMTP_URL absent : les courriels restent dans la file d’envoi (mail_outbox).");
}
