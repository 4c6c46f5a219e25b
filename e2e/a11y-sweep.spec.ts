/**
 * Accessibility sweep: every page of `app/` (read from the file system, see
 * e2e/routes.ts), as every role (e2e/roles.ts: anonymous in the light and the
 * dark theme, each signed-in role in one of them), through axe-core with the
 * WCAG 2.1 A and AA rules: zero violations.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Cookie } from "@playwright/test";
import { signIn } from "./auth";
import { expectNoAxeViolations } from "./fixtures";
import { ROLES, storageStatePath } from "./roles";
import { EXPECTED_STATUS, listAppRoutes, staleSamples, urlsFor } from "./routes";

const routes = listAppRoutes();
const pages = routes.filter((r) => r.kind === "page");
const problems: string[] = [...staleSamples(routes).map((p) => `SAMPLE_PARAMS["${p}"] : aucune page ne correspond`)];
const targets: { url: string; status: number }[] = [];
for (const route of pages) {
  try {
    for (const url of urlsFor(route)) targets.push({ url, status: EXPECTED_STATUS[url] ?? 200 });
  } catch (error) {
    problems.push((error as Error).message);
  }
}
// app/not-found.tsx: the page every unknown address shows.
targets.push({ url: "/balayage-page-inexistante", status: 404 });

test("the sweep covers every page of app/", () => {
  expect(problems).toEqual([]);
  expect(pages.map((p) => p.pattern)).toContain("/");
  // Every static page and every sample of each dynamic page is visited.
  expect(targets.length).toBeGreaterThanOrEqual(pages.length + 1);
});

/** Pages behind sign-in: an anonymous visitor is only sent to the sign-in page from them. */
const PRIVATE = /^\/(espace|instruction|jury)(\/|$)/;

/**
 * What each pass visits, to keep the sweep within CI's time: anonymous
 * visitors every page in their first theme and the public ones in the other
 * (behind sign-in they all get the same sign-in page); signed-in roles the
 * pages behind sign-in (the public ones differ only by the header's link,
 * which those pages carry too).
 */
function targetsFor(role: (typeof ROLES)[number], themeIndex: number) {
  if (role.email) return targets.filter((t) => PRIVATE.test(t.url));
  return themeIndex === 0 ? targets : targets.filter((t) => !PRIVATE.test(t.url));
}

for (const role of ROLES) {
  for (const [themeIndex, theme] of role.themes.entries()) {
    test.describe(`${role.name}, thème ${theme === "light" ? "clair" : "sombre"}`, () => {
      const statePath = role.email ? storageStatePath(role) : undefined;
      if (role.email && statePath) {
        // One sign-in per role, through the form; every page below reuses the
        // session's cookies. A test of its own, and cookies added to each test's
        // context rather than the storageState option: Playwright reads that
        // option while it sets up every test of the group, the first included,
        // before the file exists. Tests of a file run in order (one worker).
        test(`connexion de ${role.name}`, async ({ browser }) => {
          mkdirSync(path.dirname(statePath), { recursive: true });
          const context = await browser.newContext();
          const page = await context.newPage();
          await signIn(page, role.email!);
          await context.storageState({ path: statePath });
          await context.close();
        });
      }
      test.use({ colorScheme: theme });
      for (const { url, status } of targetsFor(role, themeIndex)) {
        test(`axe ${url}`, async ({ page }) => {
          if (statePath) await page.context().addCookies((JSON.parse(readFileSync(statePath, "utf8")) as { cookies: Cookie[] }).cookies);
          const response = await page.goto(url);
          if (role.email) {
            // What a signed-in role may open depends on the role (e2e/authorization-matrix.spec.ts
            // checks that); here every answer, allowed or not, must be a working, accessible page.
            const status = response?.status() ?? 0;
            expect(status, url).toBeLessThan(500);
            await expect(page.locator("main#contenu h1").first()).toBeVisible();
            // Known defect (decision 010): a page behind sign-in that does not
            // exist for this role answers 404 through Next's bare error document,
            // filled in by the browser: the French text shows, the DSFR theme does
            // not start. Checked here: the status and the French heading.
            if (status === 404) {
              await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
              return;
            }
          } else {
            expect(response?.status(), url).toBe(status);
            // Rendered on the server, inside the layout: never Next.js's bare error
            // document, which only the browser fills in (lib/publication/public-pages.ts).
            expect(await response!.text(), url).not.toContain('id="__next_error__"');
          }
          // The DSFR applies the theme once started: the check runs on the theme we asked for.
          await expect(page.locator("html")).toHaveAttribute("data-fr-theme", theme);
          await expect(page.locator("main#contenu")).toBeVisible();
          await expectNoAxeViolations(page);
        });
      }
    });
  }
}
