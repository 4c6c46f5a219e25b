import { createServer } from "node:http";
import type { CaughtMail } from "./smtp-catcher";
import { freePort } from "./ports";

/**
 * The e2e mailbox: the SMTP catcher's messages over HTTP on loopback, so that
 * Playwright specs (another process) can read what the app sent.
 * GET /messages → CaughtMail[] (oldest first); DELETE /messages empties it.
 */
export async function startMailboxServer(messages: CaughtMail[], port?: number) {
  const server = createServer((req, res) => {
    if (req.url !== "/messages") {
      res.writeHead(404).end();
    } else if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
    } else if (req.method === "DELETE") {
      messages.splice(0, messages.length);
      res.writeHead(204).end();
    } else {
      res.writeHead(405).end();
    }
  });
  const actualPort = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(actualPort, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${actualPort}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
