import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/ports";

/** Runs the launcher as `npm start` would, and returns how it ended. */
function launch(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "", NEXTAUTH_SECRET: "test-secret", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm start refuses a bad database with one readable line", () => {
  it("names DATABASE_URL and the host when the server is unreachable, exits non-zero, no stack trace", async () => {
    const port = await freePort();
    const { code, stderr } = await launch({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/laureat` });
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL");
    expect(lines[0]).toContain(`127.0.0.1:${port}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 70_000);

  it("stops on a corrupt embedded data directory, says how to reset it, and wipes nothing", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "laureat-corrupt-"));
    const pgdata = path.join(dataDir, "pglite");
    mkdirSync(path.join(pgdata, "base"), { recursive: true });
    writeFileSync(path.join(pgdata, "PG_VERSION"), "not a version\n");
    writeFileSync(path.join(pgdata, "base", "1"), Buffer.alloc(8192, 7));
    const { code, stderr } = await launch({ LAUREAT_DATA_DIR: dataDir, LAUREAT_EMBEDDED_DB_PORT: String(await freePort()) });
    expect(code).not.toBe(0);
    expect(stderr).toContain("illisible");
    expect(stderr).toContain(`rm -rf ${pgdata}`);
    expect(readdirSync(pgdata).sort()).toEqual(["PG_VERSION", "base"]);
    expect(readFileSync(path.join(pgdata, "PG_VERSION"), "utf8")).toBe("not a version\n");
  }, 70_000);
});
