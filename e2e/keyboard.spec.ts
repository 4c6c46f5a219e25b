/**
 * Keyboard-only use of the home page and of the display settings (the one
 * form of the public site today): skip links first, a visible focus
 * indicator on every element reached with Tab, tab order = DOM order.
 */
import { expect, test, type Page } from "@playwright/test";

/** A stable description of the focused element: its DOM path and text. */
const describeActive = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parts: string[] = [];
    for (let n: Element | null = el; n && n !== document.documentElement; n = n.parentElement) {
      const index = n.parentElement ? Array.prototype.indexOf.call(n.parentElement.children, n) : 0;
      parts.unshift(`${n.tagName.toLowerCase()}:${index}`);
    }
    return { path: parts.join(">"), text: (el.textContent ?? "").trim().slice(0, 60) || el.getAttribute("aria-label") || el.getAttribute("title") || el.tagName };
  });

/** Walks the page with Tab until focus leaves the document or comes back to the start. */
async function tabSequence(page: Page, max = 150) {
  const seen: { path: string; text: string }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const active = await describeActive(page);
    if (!active || (seen.length > 0 && active.path === seen[0]!.path)) break;
    seen.push(active);
  }
  return seen;
}

test("skip links are the first two tab stops, visible when focused, and lead to their targets", async ({ page }) => {
  await page.goto("/");
  for (const [label, target] of [["Contenu", "#contenu"], ["Pied de page", "#pied-de-page"]] as const) {
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused).toHaveText(label);
    await expect(focused).toHaveAttribute("href", target);
    await expect(focused).toBeVisible();
    await expect(page.locator(target)).toHaveCount(1);
  }
});

test("every element reached with Tab shows a visible focus indicator", async ({ page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const missing: string[] = [];
  let count = 0;
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press("Tab");
    const report = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // The ring may be drawn on the element, on its ::before/::after (DSFR "enlarge link"
      // cards and header brand) or on an ancestor through :focus-within.
      const painters: [Element, string | null][] = [[el, null], [el, "::before"], [el, "::after"]];
      for (let n = el.parentElement, i = 0; n && i < 4; n = n.parentElement, i++) painters.push([n, null], [n, "::before"], [n, "::after"]);
      const paint = () =>
        painters.map(([e, pseudo]) => {
          const s = getComputedStyle(e, pseudo);
          return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1, boxShadow: s.boxShadow };
        });
      const focused = paint();
      const rect = el.getBoundingClientRect();
      const visible = rect.width > 0 && rect.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      // The same painters with the element unfocused.
      el.blur();
      const rest = paint();
      el.focus({ focusVisible: true } as FocusOptions);
      const indicator = focused.some((f, i) => (f.ring || f.boxShadow !== "none") && (f.outline !== rest[i]!.outline || f.boxShadow !== rest[i]!.boxShadow));
      return { text: (el.textContent ?? "").trim().slice(0, 40) || el.getAttribute("aria-label") || el.tagName, visible, indicator, focused: focused[0]!, rest: rest[0]! };
    });
    if (!report) break;
    count++;
    if (!report.visible || !report.indicator) missing.push(`${report.text} (visible: ${report.visible}, focus : ${report.focused.outline} / ${report.focused.boxShadow} ; repos : ${report.rest.outline} / ${report.rest.boxShadow})`);
    if (count > 1 && (await page.evaluate(() => document.activeElement?.textContent?.trim())) === "Contenu") break;
  }
  expect(count, "éléments atteints au clavier").toBeGreaterThan(5);
  expect(missing).toEqual([]);
});

test("tab order follows the DOM order and no positive tabindex exists", async ({ page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(await page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count(), "tabindex positif").toBe(0);
  const domOrder = await page.evaluate(() => {
    const selector = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex='0'], summary";
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest("[inert]"))
      .map((el) => {
        const parts: string[] = [];
        for (let n: Element | null = el; n && n !== document.documentElement; n = n.parentElement) {
          const index = n.parentElement ? Array.prototype.indexOf.call(n.parentElement.children, n) : 0;
          parts.unshift(`${n.tagName.toLowerCase()}:${index}`);
        }
        return parts.join(">");
      });
  });
  const walked = (await tabSequence(page)).map((s) => s.path);
  expect(walked.length).toBeGreaterThan(5);
  expect(walked).toEqual(domOrder);
});

test("display settings work with the keyboard alone and give focus back", async ({ page }) => {
  // Known defect, found by this test (2026-11-29): on closing, the DSFR modal moves focus to
  // react-dsfr's hidden control button, so focus falls back to <body> (WCAG 2.4.3; ARIA APG
  // dialog pattern). Playwright reports this test as failed as soon as the defect is fixed:
  // then delete this line.
  test.fail(true, "la fenêtre « Paramètres d’affichage » ne rend pas le focus au bouton qui l’a ouverte");
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const opener = page.getByRole("button", { name: /Paramètres d.affichage/ }).first();
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Paramètres d.affichage/ });
  await expect(dialog).toBeVisible();
  // Focus moved into the dialog; reach the dark theme option with Tab and arrows only.
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
  for (let i = 0; i < 10 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === "radio")); i++) await page.keyboard.press("Tab");
  const focusedValue = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);
  for (let i = 0; i < 4 && (await focusedValue()) !== "dark"; i++) await page.keyboard.press("ArrowDown");
  expect(await focusedValue()).toBe("dark");
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  // Back to the close button with Shift+Tab, close with Enter.
  for (let i = 0; i < 10 && !/Fermer/.test((await page.evaluate(() => document.activeElement?.textContent)) ?? ""); i++) await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // Focus is back on a visible button that opens the dialog (the header one or its footer twin).
  await expect
    .poll(() => page.evaluate(() => {
      const el = document.activeElement;
      return !!el && el.getAttribute("aria-controls") === "fr-theme-modal" && el.checkVisibility();
    }), { timeout: 3_000 })
    .toBe(true);
});
