/**
 * End-to-end run: the production build served by the same launcher as
 * `npm start`, on a fresh database with demo data (TEST_DATABASE_URL's server,
 * else a new embedded PGlite), then Playwright against it.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { createFreshDatabase, dropDatabase } from "@/lib/server/database";
import { startOidcProvider } from "@/lib/testing/oidc-provider";
import { startMailboxServer } from "@/lib/testing/mailbox-server";
import { startSmtpCatcher } from "@/lib/testing/smtp-catcher";
import { ensureBuild } from "./build";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Several checkouts may share one PostgreSQL server: the name can be overridden.
const DB_NAME = process.env.E2E_DATABASE_NAME ?? "laureat_e2e";

async function main(): Promise<number> {
  const server = process.env.TEST_DATABASE_URL;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), LAUREAT_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const dataDir = path.resolve(".data", "e2e");
  if (server) {
    env.DATABASE_URL = await createFreshDatabase(server, DB_NAME);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    delete env.DATABASE_URL;
    env.LAUREAT_DATA_DIR = dataDir;
    env.LAUREAT_EMBEDDED_DB_PORT = String(Number(process.env.E2E_DB_PORT ?? 54330));
  }
  await ensureBuild();
  // A server left on the port (an earlier run killed hard) would be tested instead of this build.
  if (await fetch(`http://127.0.0.1:${PORT}`).then(() => true, () => false)) {
    throw new Error(`port ${PORT} already answers: stop that server or set E2E_PORT`);
  }

  // The app's mail goes to a real SMTP server on loopback, never outside;
  // specs read it through the mailbox endpoint (e2e/mailbox.ts).
  const smtp = await startSmtpCatcher(process.env.E2E_SMTP_PORT ? Number(process.env.E2E_SMTP_PORT) : undefined);
  const mailboxServer = await startMailboxServer(smtp.messages, process.env.E2E_MAILBOX_PORT ? Number(process.env.E2E_MAILBOX_PORT) : undefined);
  env.SMTP_URL = smtp.url;
  env.MAIL_FROM = "Lauréat <ne-pas-repondre@laureat.test>";
  env.E2E_MAILBOX_URL = mailboxServer.url;

  const baseUrl = `http://127.0.0.1:${PORT}`;
  // Links in e-mails point where the browser is.
  env.NEXTAUTH_URL = baseUrl;
  // A real OpenID Connect provider on loopback plays ProConnect.
  const oidc = await startOidcProvider({
    redirectUri: `${baseUrl}/api/auth/callback/proconnect`,
    port: process.env.E2E_OIDC_PORT ? Number(process.env.E2E_OIDC_PORT) : undefined,
  });
  env.OIDC_ISSUER = oidc.issuer;
  env.OIDC_CLIENT_ID = oidc.clientId;
  env.OIDC_CLIENT_SECRET = oidc.clientSecret;

  const app = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    // Its own process group: stopping it stops next-server too (a SIGTERM to
    // the tsx wrapper alone left an orphan holding the port).
    detached: true,
  });
  try {
    await waitFor(baseUrl, app, 120_000);
    // Asynchronous: this process keeps serving the SMTP catcher and the mailbox meanwhile.
    const playwright = spawn(path.resolve("node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...env, E2E_BASE_URL: baseUrl },
    });
    return await new Promise<number>((resolve) => playwright.once("exit", (code) => resolve(code ?? 1)).once("error", () => resolve(1)));
  } finally {
    const exited = app.exitCode !== null ? Promise.resolve() : new Promise((r) => app.once("exit", r).once("error", r));
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
    // Whatever of the group outlived the launcher (next-server) goes too.
    await new Promise((r) => setTimeout(r, 500));
    try {
      process.kill(-app.pid!, "SIGKILL");
    } catch {
      // nothing left
    }
    if (server) await dropDatabase(server, DB_NAME).catch(() => {});
    await mailboxServer.close();
    await oidc.close();
    await smtp.close();
  }
}

async function waitFor(url: string, app: ReturnType<typeof spawn>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} before serving`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs / 1000} s`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[e2e]", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
