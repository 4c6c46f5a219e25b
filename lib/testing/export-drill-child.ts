/**
 * The process the export fault drill kills (lib/review/export-kill.int.test.ts).
 *
 * It starts its own in-memory PGlite, migrates and seeds the demo, then
 * serves the staff exports of the 2021 call with the app's own modules
 * (openInboxExport → inboxExportBatches → csvStream / xlsxStream) and the
 * same headers as the route handlers. After the first batch it holds, as a
 * 100 000-row export would still be running, prints "HOLDING" and waits to
 * be killed. Run with `--conditions=react-server` (the modules are server-only).
 */
import { createServer } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ExportRow } from "@/lib/review/export.format";
import { freePort } from "./ports";

async function main() {
  const { migrate, startEmbeddedDatabase } = await import("@/lib/server/database");
  const embedded = await startEmbeddedDatabase({ port: await freePort() });
  await migrate(embedded.url, { quiet: true });
  process.env.DATABASE_URL = embedded.url;
  process.env.DATABASE_POOL_MAX = "1";

  const { db } = await import("@/lib/server/db");
  const { DEMO_CALL_SLUG, seedDemo } = await import("@/lib/demo/seed");
  const { loadActor } = await import("@/lib/auth/actor.queries");
  const { inboxExportBatches, openInboxExport } = await import("@/lib/review/export.queries");
  const { csvStream, xlsxStream } = await import("@/lib/review/export.stream");
  await seedDemo(db);
  const staff = await db.user.findUniqueOrThrow({ where: { email: "instruction@demo.laureat.fr" }, select: { id: true } });
  const actor = (await loadActor(staff.id))!;

  /** The export's batches; after the first one, the export is "still running" until the process dies. */
  async function* holdingAfterFirst(batches: AsyncGenerator<ExportRow[]>): AsyncGenerator<ExportRow[]> {
    const first = await batches.next();
    if (!first.done) yield first.value;
    process.stdout.write("HOLDING\n");
    await new Promise(() => {});
  }

  const server = createServer(async (req, res) => {
    const format = req.url === "/dossiers.xlsx" ? "xlsx" : "csv";
    const opened = await openInboxExport(actor, DEMO_CALL_SLUG, {}, format);
    if (!opened) {
      res.writeHead(404).end();
      return;
    }
    const batches = holdingAfterFirst(inboxExportBatches(opened.call.id, opened.filters, 10));
    const body = format === "csv" ? csvStream(batches) : xlsxStream(batches);
    res.writeHead(200, {
      "content-type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "cache-control": "no-store",
    });
    Readable.fromWeb(body as NodeReadableStream<Uint8Array>).pipe(res);
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`LISTENING ${typeof address === "object" && address ? address.port : 0}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
