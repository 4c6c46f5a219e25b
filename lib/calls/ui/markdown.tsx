/**
 * A small Markdown subset rendered to React elements: paragraphs, headings
 * (## / ###), bullet and numbered lists, **bold**, *italic*, `code` and
 * [links](https://…). Nothing is ever inserted as HTML: raw HTML in the text
 * shows as text (React escapes it), and a link keeps only an http(s) or
 * mailto address. No dependency, nothing to sanitise afterwards.
 */
import type { ReactNode } from "react";

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;
const INLINE = /(\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/;

export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest.length > 0) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const key = `${keyPrefix}-${n++}`;
    if (m[2] !== undefined) out.push(<strong key={key}>{renderInline(m[2], key)}</strong>);
    else if (m[3] !== undefined || m[4] !== undefined) out.push(<em key={key}>{renderInline((m[3] ?? m[4])!, key)}</em>);
    else if (m[5] !== undefined) out.push(<code key={key}>{m[5]}</code>);
    else if (m[6] !== undefined) {
      const href = m[7]!;
      out.push(
        SAFE_URL.test(href) ? (
          <a key={key} href={href} rel="noopener noreferrer">
            {renderInline(m[6], key)}
          </a>
        ) : (
          `${m[6]} (${href})`
        ),
      );
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

type Block = { kind: "p" | "h2" | "h3"; text: string } | { kind: "ul" | "ol"; items: string[] };

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0]!);
    if (heading && lines.length === 1) {
      blocks.push({ kind: heading[1]!.length <= 2 ? "h2" : "h3", text: heading[2]!.trim() });
      continue;
    }
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      blocks.push({ kind: "ul", items: lines.map((l) => l.replace(/^\s*[-*]\s+/, "")) });
      continue;
    }
    if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      blocks.push({ kind: "ol", items: lines.map((l) => l.replace(/^\s*\d+[.)]\s+/, "")) });
      continue;
    }
    blocks.push({ kind: "p", text: lines.map((l) => l.trim()).join(" ") });
  }
  return blocks;
}

/** Headings start at `level` (2 under the page's h1). */
export function Markdown({ source, level = 2 }: { source: string; level?: 2 | 3 }) {
  return (
    <>
      {parseBlocks(source).map((b, i) => {
        const key = `b${i}`;
        switch (b.kind) {
          case "h2":
            return level === 2 ? <h2 key={key}>{renderInline(b.text, key)}</h2> : <h3 key={key}>{renderInline(b.text, key)}</h3>;
          case "h3":
            return level === 2 ? <h3 key={key}>{renderInline(b.text, key)}</h3> : <h4 key={key}>{renderInline(b.text, key)}</h4>;
          case "ul":
            return (
              <ul key={key}>
                {b.items.map((item, j) => (
                  <li key={j}>{renderInline(item, `${key}-${j}`)}</li>
                ))}
              </ul>
            );
          case "ol":
            return (
              <ol key={key}>
                {b.items.map((item, j) => (
                  <li key={j}>{renderInline(item, `${key}-${j}`)}</li>
                ))}
              </ol>
            );
          default:
            return <p key={key}>{renderInline(b.text, key)}</p>;
        }
      })}
    </>
  );
}
