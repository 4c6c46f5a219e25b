/**
 * Accessibility sweep: every page of `app/` (read from the file system, see
 * e2e/routes.ts), as every role (e2e/roles.ts), in the light and the dark
 * theme, through axe-core with the WCAG 2.1 A and AA rules: zero violations.
 */
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures";
import { ROLES } from "./roles";
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

for (const role of ROLES) {
  for (const theme of ["light", "dark"] as const) {
    test.describe(`${role.name}, thème ${theme === "light" ? "clair" : "sombre"}`, () => {
      test.use({ colorScheme: theme, storageState: role.storageState });
      for (const { url, status } of targets) {
        test(`axe ${url}`, async ({ page }) => {
          const response = await page.goto(url);
          expect(response?.status(), url).toBe(status);
          // Rendered on the server, inside the layout: never Next.js's bare error
          // document, which only the browser fills in (lib/server/metadata.ts).
          expect(await response!.text(), url).not.toContain('id="__next_error__"');
          // The DSFR applies the theme once started: the check runs on the theme we asked for.
          await expect(page.locator("html")).toHaveAttribute("data-fr-theme", theme);
          await expect(page.locator("main#contenu")).toBeVisible();
          await expectNoAxeViolations(page);
        });
      }
    });
  }
}
