import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("package-lock.json", () => {
  it("declares every optional dependency, so that `npm ci` accepts it (run scripts/lock-platform-stubs.mjs)", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
        if (!lock.packages[`node_modules/${name}`] && !lock.packages[nested]) missing.push(`${name} (needed by ${key || "the project"})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
