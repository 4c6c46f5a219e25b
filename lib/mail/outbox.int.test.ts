import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { startSmtpCatcher } from "@/lib/testing/smtp-catcher";
import { enqueueMail } from "./outbox";
import { transportFromEnv } from "./transport";
import { drainOutbox, processOutbox } from "./worker";

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(async () => smtp.close());

describe("mail outbox", () => {
  it("enqueues inside the transaction: a rolled-back mutation sends nothing", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueMail(tx, { dedupeKey: "rollback-1", to: "a@example.fr", subject: "Jamais", text: "x" });
        throw new Error("mutation failed");
      }),
    ).rejects.toThrow("mutation failed");
    expect(await db.mailOutbox.count({ where: { dedupeKey: "rollback-1" } })).toBe(0);
  });

  it("keeps one e-mail per dedupe key", async () => {
    for (let i = 0; i < 2; i++) {
      await db.$transaction((tx) => enqueueMail(tx, { dedupeKey: "once-1", to: "a@example.fr", subject: "Une fois", text: "x" }));
    }
    expect(await db.mailOutbox.count({ where: { dedupeKey: "once-1" } })).toBe(1);
  });

  it("waits while SMTP is down, leaves when it is back, and is never sent twice", async () => {
    const transport = transportFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: "laureat@example.fr" })!;
    // The database is shared by the run: what other files left pending goes first, SMTP up.
    await drainOutbox(db, transport);
    await db.$transaction((tx) =>
      enqueueMail(tx, { dedupeKey: "smtp-down-1", to: "candidat@example.fr", subject: "Accusé de réception", text: "Bonjour" }),
    );
    smtp.setDown(true);
    const first = await processOutbox(db, transport);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const waiting = await db.mailOutbox.findUniqueOrThrow({ where: { dedupeKey: "smtp-down-1" } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    smtp.setDown(false);
    const later = new Date(Date.now() + 60_000);
    await processOutbox(db, transport, later);
    const sent = await db.mailOutbox.findUniqueOrThrow({ where: { dedupeKey: "smtp-down-1" } });
    expect(sent.status).toBe("SENT");
    await processOutbox(db, transport, new Date(Date.now() + 120_000));
    const received = smtp.messages.filter((m) => m.subject === "Accusé de réception");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ to: ["candidat@example.fr"], from: "laureat@example.fr", text: "Bonjour\n" });
  });
});
