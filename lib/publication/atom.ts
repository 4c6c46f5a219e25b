import type { PublishedCallItem } from "./publication.queries";
import { formatCents } from "@/lib/money";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Atom 1.0 (RFC 4287): one entry per published call's results. */
export function resultsAtomFeed(calls: PublishedCallItem[], url: (path: string) => string): string {
  const self = url("/resultats.atom");
  const updated = calls[0]?.resultsPublishedAt ?? "2020-11-02T08:00:00.000Z";
  const entries = calls.map((c) => {
    const link = url(`/appels/${c.slug}/resultats`);
    return `  <entry>
    <title>${escapeXml(`Résultats — ${c.title}`)}</title>
    <id>${escapeXml(link)}</id>
    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
    <published>${c.resultsPublishedAt}</published>
    <updated>${c.resultsPublishedAt}</updated>
    <summary>${escapeXml(`${c.laureates} lauréats, ${formatCents(c.grantedCents)} de cofinancement accordé. ${c.summary}`)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Lauréat — résultats des appels à projets</title>
  <id>${escapeXml(self)}</id>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(url("/"))}"/>
  <updated>${updated}</updated>
  <author><name>Équipe du programme Lauréat</name></author>
${entries.join("\n")}
</feed>
`;
}
