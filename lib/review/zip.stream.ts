import "server-only";
import { Readable } from "node:stream";
import archiver from "archiver";
import type { ArchiveEntry } from "./dossier-archive.queries";

/**
 * A ZIP of `entries` as a web stream, produced as it is read: each entry's
 * content is asked for only when the archive reaches it (archiver appends in
 * order and applies backpressure), so memory holds one entry at a time — a
 * streamed entry (an attachment) not even that.
 */
export function zipStream(entries: ArchiveEntry[]): ReadableStream<Uint8Array> {
  const archive = archiver("zip", { zlib: { level: 6 } });
  void (async () => {
    try {
      for (const entry of entries) {
        const content = await entry.content();
        archive.append(typeof content === "string" || content instanceof Readable ? content : Buffer.from(content), { name: entry.name, date: new Date(0) });
      }
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return Readable.toWeb(archive) as ReadableStream<Uint8Array>;
}
