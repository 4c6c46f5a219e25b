import "server-only";
import type { Db } from "@/lib/server/prisma";
import { sendDueReminders, type ReminderRun } from "./reminders.mutations";
import { sendOpinionReminders } from "@/lib/review/opinion.mutations";
import { archiveDueCalls } from "./retention.mutations";
import { fileStorage, type FileStorage } from "@/lib/files/storage";
import { sweepOrphanFiles } from "@/lib/files/sweep";

export type SchedulerRun = { reminders: ReminderRun; archived: string[]; opinionReminders: number; orphanFilesDeleted: number };

/**
 * One pass of the call scheduler: everything due at `now`. Safe to run twice
 * or from two processes at once (each step is idempotent in the database).
 */
export async function runCallScheduler(client: Db, now: Date = new Date(), storage: FileStorage = fileStorage()): Promise<SchedulerRun> {
  const reminders = await sendDueReminders(client, now);
  // Calls whose retention period has passed (published results + N months).
  const archived = await archiveDueCalls(client, now);
  // Outside experts whose opinion is due within two days.
  const opinionReminders = await sendOpinionReminders(client, now);
  // Stored files whose row is gone (the archive's dossiers among them), after a day's grace.
  const swept = await sweepOrphanFiles(client, storage, now);
  return { reminders, archived, opinionReminders, orphanFilesDeleted: swept.deleted.length };
}

export const SCHEDULER_INTERVAL_MS = 5 * 60_000;

/** Runs the scheduler every few minutes in the app process (instrumentation.ts → workers). */
export function startCallScheduler(client: Db, intervalMs = SCHEDULER_INTERVAL_MS, firstDelayMs = 30_000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runCallScheduler(client);
    } catch (error) {
      // The next tick tries again (database unreachable for a moment…).
      console.warn("[laureat] planificateur des appels :", error instanceof Error ? error.message : error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, firstDelayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
