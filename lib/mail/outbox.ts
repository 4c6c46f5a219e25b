import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/server/prisma";

export type OutgoingMail = {
  /** Identifies the e-mail: enqueuing the same key twice keeps one. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/**
 * Enqueues an e-mail inside the caller's transaction: it leaves only if the
 * mutation commits, and waits in PostgreSQL while SMTP is down.
 */
export async function enqueueMail(tx: Tx, mail: OutgoingMail): Promise<void> {
  await tx.$executeRaw`
    insert into mail_outbox (id, dedupe_key, "to", subject, text, html)
    values (${randomUUID()}::uuid, ${mail.dedupeKey}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null})
    on conflict (dedupe_key) do nothing`;
}
