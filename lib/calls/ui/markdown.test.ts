import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("call description Markdown", () => {
  it("renders paragraphs, headings, lists, emphasis and safe links", () => {
    expect(html("## Objectif\n\nUn **projet** *utile*.\n\n- un\n- deux\n\n1. a\n2. b\n\n[Site](https://www.numerique.gouv.fr)")).toBe(
      '<h2>Objectif</h2><p>Un <strong>projet</strong> <em>utile</em>.</p><ul><li>un</li><li>deux</li></ul><ol><li>a</li><li>b</li></ol><p><a href="https://www.numerique.gouv.fr" rel="noopener noreferrer">Site</a></p>',
    );
  });

  it("never executes raw HTML nor a javascript: link", () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[clic](javascript:alert(1))');
    expect(out).not.toMatch(/<script|<img|href="javascript/i);
    expect(out).toContain("&lt;script&gt;");
    expect(out).toContain("clic (javascript:alert(1))");
  });

  it("emits no element outside the subset, whatever the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom("<", ">", "a", "*", "_", "[", "]", "(", ")", "#", "-", "\n", " ", "h", "t", "p", ":", "/", '"', "=") }), (s) => {
        const tags = [...html(s).matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]);
        for (const t of tags) expect(["p", "h2", "h3", "ul", "ol", "li", "strong", "em", "code", "a"]).toContain(t);
        for (const m of html(s).matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:\/\/|mailto:)/i);
      }),
    );
  });
});
