/**
 * The roles the sweeps run as. Today only anonymous visitors exist.
 *
 * When sign-in lands, each role gets a Playwright `storageState` file: add
 * `e2e/auth.setup.ts` that signs in once per demo account (lib/demo/seed.ts,
 * DEMO_ACCOUNTS) and saves `.data/e2e-auth/<role>.json`
 * (`await page.context().storageState({ path })`), run it first (a `setup`
 * project in playwright.config.ts with `dependencies: ["setup"]`), and add
 * the role here with its file. The accessibility sweep then visits every
 * page as that role; a page the role may not open must still answer with an
 * accessible sign-in, 403 or 404 page, which the sweep checks too.
 */
export type SweepRole = { name: string; storageState?: string };

export const ROLES: SweepRole[] = [
  { name: "anonyme" },
  // { name: "candidat", storageState: ".data/e2e-auth/candidat.json" },
  // { name: "instruction", storageState: ".data/e2e-auth/instruction.json" },
  // { name: "jury", storageState: ".data/e2e-auth/jury.json" },
  // { name: "admin", storageState: ".data/e2e-auth/admin.json" },
];
