import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe-core with the WCAG 2.1 A and AA rules: zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  // The server renders the header's menu modal (a div) with aria-labelledby;
  // the DSFR's script, once it starts that component, takes it off. On a cold
  // server axe could run in between: wait for it (bounded); a modal the script
  // never starts is then reported by axe.
  await page
    .waitForFunction(() => [...document.querySelectorAll("div.fr-modal[aria-labelledby]")].every((m) => m.hasAttribute("role")), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, "axe-core violations").toEqual([]);
}
