import { expect } from "@playwright/test";
import type { CaughtMail } from "@/lib/testing/smtp-catcher";

/** scripts/e2e.ts runs an SMTP catcher and exposes what it received here. */
const MAILBOX_URL = process.env.E2E_MAILBOX_URL;

export async function mailbox(): Promise<CaughtMail[]> {
  if (!MAILBOX_URL) throw new Error("E2E_MAILBOX_URL is not set: run the specs through scripts/e2e.ts");
  const res = await fetch(`${MAILBOX_URL}/messages`);
  return (await res.json()) as CaughtMail[];
}

type Subject = RegExp | string;
const matches = (m: CaughtMail, to: string, subject: Subject) =>
  m.to.includes(to) && (typeof subject === "string" ? m.subject === subject : subject.test(m.subject));

/** How many e-mails to `to` with this subject arrived so far: pass it to waitForMail to wait for the next one. */
export async function countMail(to: string, subject: Subject): Promise<number> {
  return (await mailbox()).filter((m) => matches(m, to, subject)).length;
}

/**
 * Waits for an e-mail to `to` whose subject matches, beyond the first
 * `alreadySeen` ones (the app's outbox worker polls every 2 s).
 */
export async function waitForMail(to: string, subject: Subject, { alreadySeen = 0, timeoutMs = 20_000 } = {}): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailbox()).filter((m) => matches(m, to, subject))[alreadySeen];
        return !!found;
      },
      { timeout: timeoutMs, message: `no new e-mail to ${to} with subject ${String(subject)}` },
    )
    .toBe(true);
  return found!;
}

/** The first link of the e-mail whose path starts with `pathPrefix`, as a path + query usable with page.goto. */
export function linkIn(mail: CaughtMail, pathPrefix: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(pathPrefix)) return url.pathname + url.search;
  }
  throw new Error(`no link to ${pathPrefix} in the e-mail «${mail.subject}»:\n${mail.text}`);
}
