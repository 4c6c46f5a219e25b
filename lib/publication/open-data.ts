import type { PublishedCallItem } from "./publication.queries";
import { SCDL_SCHEMA_URL, type ScdlRow } from "./scdl";

/** The JSON twin of the CSV: the same SCDL rows, with where they come from. */
export function scdlJson(call: { slug: string; title: string; resultsPublishedAt: string }, rows: ScdlRow[], omitted: { reference: string; reason: string }[], csvUrl: string) {
  return {
    schema: SCDL_SCHEMA_URL,
    titre: `Subventions accordées — ${call.title}`,
    appel: call.slug,
    publieLe: call.resultsPublishedAt,
    csv: csvUrl,
    subventions: rows,
    lignesOmises: omitted,
  };
}

/**
 * A DCAT-style catalogue in the Project Open Data `data.json` (v1.1) shape,
 * which data.gouv.fr-like harvesters read: one dataset per published call,
 * two distributions (CSV, JSON) conforming to the SCDL schema.
 */
export function dataCatalogue(calls: PublishedCallItem[], url: (path: string) => string) {
  return {
    "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
    "@type": "dcat:Catalog",
    conformsTo: "https://project-open-data.cio.gov/v1.1/schema",
    describedBy: "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
    dataset: calls.map((c) => ({
      "@type": "dcat:Dataset",
      identifier: url(`/appels/${c.slug}/donnees/subventions.json`),
      title: `Subventions accordées — ${c.title}`,
      description: `Lauréats et cofinancements accordés (${c.laureates} lauréats). ${c.summary}`,
      keyword: ["subventions", "appel à projets", "lauréats", "SCDL"],
      issued: c.resultsPublishedAt.slice(0, 10),
      modified: c.resultsPublishedAt.slice(0, 10),
      publisher: { "@type": "org:Organization", name: "Lauréat — équipe du programme" },
      contactPoint: { "@type": "vcard:Contact", fn: "Équipe du programme Lauréat", hasEmail: "mailto:contact@laureat.example" },
      accessLevel: "public",
      license: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
      language: ["fr"],
      landingPage: url(`/appels/${c.slug}/resultats`),
      conformsTo: SCDL_SCHEMA_URL,
      distribution: [
        { "@type": "dcat:Distribution", title: "CSV (SCDL subventions 2.0.1)", mediaType: "text/csv", format: "CSV", downloadURL: url(`/appels/${c.slug}/donnees/subventions.csv`), conformsTo: SCDL_SCHEMA_URL },
        { "@type": "dcat:Distribution", title: "JSON", mediaType: "application/json", format: "JSON", downloadURL: url(`/appels/${c.slug}/donnees/subventions.json`), conformsTo: SCDL_SCHEMA_URL },
      ],
    })),
  };
}
