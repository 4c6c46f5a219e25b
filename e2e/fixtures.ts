import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe-core with the WCAG 2.1 A and AA rules: zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  // The DSFR's script gives each modal its dialog role when it starts its
  // components, shortly after the theme: on a cold server the check could run
  // in between and see the header menu's aria-labelledby on a bare div. Wait
  // for it (bounded); a modal that never starts is then reported by axe.
  await page
    .waitForFunction(() => [...document.querySelectorAll(".fr-modal")].every((m) => m.hasAttribute("role")), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, "axe-core violations").toEqual([]);
}
