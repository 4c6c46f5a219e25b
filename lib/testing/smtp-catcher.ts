import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./ports";

export type CaughtMail = { to: string[]; from: string; subject: string; text: string; html: string | null };

/**
 * A real SMTP server on loopback that keeps what it receives: the tests'
 * mailbox. `setDown(true)` makes it refuse every message (SMTP 421).
 */
export async function startSmtpCatcher(port?: number) {
  const messages: CaughtMail[] = [];
  let down = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      callback(down ? Object.assign(new Error("service indisponible"), { responseCode: 421 }) : undefined);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
          messages.push({
            to: to.flatMap((a) => a.value.map((v) => v.address ?? "")),
            from: parsed.from?.value[0]?.address ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const actualPort = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(actualPort, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    messages,
    setDown(value: boolean) {
      down = value;
    },
    async waitFor(predicate: (m: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error("no matching e-mail arrived");
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
