import type { Db } from "@/lib/server/prisma";
import type { MailTransport } from "./transport";

const BATCH = 20;
const LOCK_SECONDS = 60;
const MAX_ATTEMPTS = 12;

/** Exponential backoff: 10 s, 20 s, 40 s… capped at 1 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

export type OutboxRun = { sent: number; failed: number };

/**
 * Sends due e-mails. Each row is claimed (locked_until) in a short
 * transaction with SKIP LOCKED, so several workers never take the same one;
 * it is marked sent right after the SMTP server accepted it.
 */
export async function processOutbox(client: Db, transport: MailTransport, now = new Date()): Promise<OutboxRun> {
  const claimed = await client.$queryRaw<{ id: string; to: string; subject: string; text: string; html: string | null; attempts: number }[]>`
    update mail_outbox set locked_until = ${new Date(now.getTime() + LOCK_SECONDS * 1000)}
    where id in (
      select id from mail_outbox
      where status = 'PENDING' and next_attempt_at <= ${now} and (locked_until is null or locked_until < ${now})
      order by next_attempt_at
      limit ${BATCH}
      for update skip locked)
    returning id, "to", subject, text, html, attempts`;
  const run: OutboxRun = { sent: 0, failed: 0 };
  for (const mail of claimed) {
    try {
      await transport.send(mail);
      await client.$executeRaw`update mail_outbox set status = 'SENT', sent_at = now(), locked_until = null, attempts = attempts + 1 where id = ${mail.id}::uuid`;
      run.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      await client.$executeRaw`
        update mail_outbox set attempts = ${attempts}, last_error = ${message}, locked_until = null,
          status = ${attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING"}::mail_status,
          next_attempt_at = ${new Date(now.getTime() + backoffSeconds(attempts) * 1000)}
        where id = ${mail.id}::uuid`;
      run.failed++;
    }
  }
  return run;
}

/** Sends everything due at `now`, batch after batch, until nothing is left to claim. */
export async function drainOutbox(client: Db, transport: MailTransport, now = new Date()): Promise<OutboxRun> {
  const total: OutboxRun = { sent: 0, failed: 0 };
  for (;;) {
    const run = await processOutbox(client, transport, now);
    total.sent += run.sent;
    total.failed += run.failed;
    if (run.sent + run.failed === 0) return total;
  }
}

/** Polls the outbox until stopped; used by the app process (instrumentation.ts). */
export function startOutboxWorker(client: Db, transport: MailTransport, intervalMs = 2000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await processOutbox(client, transport);
    } catch {
      // Database unreachable for a moment: the next tick tries again.
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
