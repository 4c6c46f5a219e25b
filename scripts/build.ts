/** Builds the app when the build is missing or older than the sources. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const SOURCES = ["app", "components", "lib", "proxy.ts", "middleware.ts", "instrumentation.ts", "prisma/schema.prisma", "next.config.ts", "package-lock.json", "tsconfig.json"];
const STAMP = path.join(ROOT, ".next", "laureat-source-hash");

export function nextBin(): string {
  return path.join(ROOT, "node_modules", ".bin", "next");
}

function walk(entry: string, files: string[]) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      if (name === "generated" || name === "node_modules") continue;
      walk(path.join(entry, name), files);
    }
  } else {
    files.push(entry);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const s of SOURCES) walk(s, files);
  const h = createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(readFileSync(path.join(ROOT, f))).update("\0");
  return h.digest("hex");
}

export async function ensureBuild(): Promise<void> {
  const current = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === current && existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    return;
  }
  console.log("[laureat] Construction de l’application (next build)…");
  const result = spawnSync(nextBin(), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(STAMP, current);
}
