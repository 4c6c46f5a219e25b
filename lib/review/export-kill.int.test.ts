/**
 * Fault drill: the app process is killed in the middle of an export. The
 * exports are streamed without a Content-Length (chunked), so a client sees
 * the transfer fail instead of a shorter file that looks complete; and the
 * bytes received so far are not a usable spreadsheet. The process killed is
 * lib/testing/export-drill-child.ts, serving the real export modules.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});

function startChild(): Promise<{ port: number; holding: Promise<void> }> {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/testing/export-drill-child.ts"], {
    env: { ...process.env, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let stderr = "";
  proc.stderr!.on("data", (c: Buffer) => (stderr += c));
  let resolveHolding = () => {};
  const holding = new Promise<void>((r) => (resolveHolding = r));
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => {
      out += c;
      const listening = /LISTENING (\d+)/.exec(out);
      if (listening) resolve({ port: Number(listening[1]), holding });
      if (out.includes("HOLDING")) resolveHolding();
    });
    proc.once("exit", (code) => reject(new Error(`the export process exited (${code}) before serving: ${stderr.slice(-2000)}`)));
  });
}

type Download = { status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer; error: Error | null };

/** Downloads like a browser or curl: the body's end is the end of the transfer, or an error. */
function download(port: number, path: string, onFirstBytes: () => void): Promise<Download> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      let first = true;
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        if (first) {
          first = false;
          onFirstBytes();
        }
      });
      const done = (error: Error | null) => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks), error });
      res.once("end", () => done(null));
      res.once("aborted", () => done(new Error("aborted")));
      res.once("error", (e) => done(e));
    });
    req.once("error", (e) => resolve({ status: 0, headers: {}, bytes: Buffer.alloc(0), error: e }));
    req.end();
  });
}

describe("fault drill: the app is killed during an export", () => {
  for (const format of ["csv", "xlsx"] as const) {
    it(`${format.toUpperCase()}: the client sees a failed transfer, never a complete-looking file`, async () => {
      const { port, holding } = await startChild();
      const result = await download(port, `/dossiers.${format}`, () => {
        // First bytes received and the export has read its first batch: kill the process.
        void holding.then(() => child!.kill("SIGKILL"));
      });
      expect(result.status).toBe(200);
      expect(result.headers["content-length"]).toBeUndefined();
      expect(result.headers["transfer-encoding"]).toBe("chunked");
      expect(result.bytes.length).toBeGreaterThan(0);
      // The transfer did not end normally: no terminating chunk ever came.
      expect(result.error).not.toBeNull();
      if (format === "csv") {
        // What arrived is the header and the first batch only, not the 69 dossiers.
        const lines = result.bytes.toString("utf8").trim().split("\r\n");
        expect(lines.length).toBeLessThan(69 + 1);
      } else {
        // A truncated zip is not a workbook: whoever kept the partial bytes cannot open them.
        await expect(new ExcelJS.Workbook().xlsx.load(result.bytes as unknown as ArrayBuffer)).rejects.toThrow();
      }
    }, 120_000);
  }
});
