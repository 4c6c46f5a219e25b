// The registry this project's machines reach does not serve some
// platform-specific optional packages (macOS/Windows/ARM binaries). `npm
// install` then leaves them out of package-lock.json and `npm ci` refuses the
// lock. Declaring them with their os/cpu lets `npm ci` skip them on Linux x64
// without fetching anything. Run after changing dependencies:
//   node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = {
  "darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "linux-arm": { os: ["linux"], cpu: ["arm"] },
  "linux-arm64": { os: ["linux"], cpu: ["arm64"] },
  "linux-ia32": { os: ["linux"], cpu: ["ia32"] },
  "win32-x64": { os: ["win32"], cpu: ["x64"] },
};
const EXTRA = { "napi-windows-process-start-time": { os: ["win32"] } };

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (packages[target] || packages[`${key}/node_modules/${name}`]) continue;
    const suffix = name.split("/").pop();
    const platform = Object.entries(PLATFORMS).find(([p]) => suffix.endsWith(p))?.[1] ?? EXTRA[name];
    if (!platform) {
      console.warn(`no platform known for missing optional dependency ${name} (${key})`);
      continue;
    }
    packages[target] = { version: range.replace(/^[~^]/, ""), ...platform, optional: true };
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`lock: ${added} platform-specific optional package(s) declared`);
