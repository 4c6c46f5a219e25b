/**
 * `npm test`: unit + integration tests (Vitest, real PostgreSQL or embedded
 * PGlite), then end-to-end tests (Playwright on the production build), then
 * one closing line "N passed, N failed" for both.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const out = path.resolve(".data", "test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, "vitest.json");
const playwrightJson = path.join(out, "playwright.json");

const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } as NodeJS.ProcessEnv }).status ?? 1;

const only = process.argv[2]; // "unit" or "e2e"
let status = 0;
// Both suites run even when the first fails: one CI run reports every failure.
if (only !== "e2e") {
  status = run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]) || status;
}
if (only !== "unit") {
  status = run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/e2e.ts", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }) || status;
}

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (existsSync(playwrightJson)) {
  const r = JSON.parse(readFileSync(playwrightJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
}
if (status !== 0 && failed === 0) failed = 1; // a runner that died before reporting
console.log(`${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
