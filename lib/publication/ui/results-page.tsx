import Link from "next/link";
import { formatCents } from "@/lib/money";
import { formatParisDate } from "@/lib/time";
import type { ResultsView } from "../publication.queries";
import { FunnelFigures } from "./figures";

/**
 * The results of a call, in the layout of the 3 March 2021 announcement.
 * Staff's preview renders this very component with the same data.
 */
export function ResultsPage({ results, preview = false }: { results: ResultsView; preview?: boolean }) {
  const { call, funnel } = results;
  const base = `/appels/${call.slug}`;
  const withLaureates = results.categories.filter((c) => c.laureates.length > 0);
  return (
    <article className="laureat-results">
      <nav className="fr-breadcrumb laureat-no-print" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/">
              Accueil
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" href={base}>
              {call.title}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Résultats
            </a>
          </li>
        </ol>
      </nav>
      <h1>Résultats — {call.title}</h1>
      <p className="fr-text--lead">
        {call.resultsPublishedAt
          ? `Résultats publiés le ${formatParisDate(new Date(call.resultsPublishedAt))}.`
          : "Aperçu : ces résultats ne sont pas encore publiés."}{" "}
        {funnel.laureates} projets lauréats, pour un cofinancement total de {formatCents(results.totalGrantedCents)}
        {call.grantorName ? `, attribué par ${call.grantorName}` : ""}.
      </p>

      <h2>En chiffres</h2>
      <FunnelFigures funnel={funnel} />
      <p>
        {funnel.submitted} dossiers déposés par {funnel.administrations} administrations de {funnel.ministries} ministères ;{" "}
        {funnel.preselected} dossiers présélectionnés, {funnel.auditioned} auditionnés par le jury ; {funnel.laureates} lauréats.
      </p>

      <h2>Les lauréats par catégorie</h2>
      {withLaureates.map((category) => (
        <section key={category.key} aria-labelledby={`categorie-${category.key}`} data-category={category.key}>
          <h3 id={`categorie-${category.key}`}>
            {category.label} <span className="fr-text--md fr-text--regular">({category.laureates.length})</span>
          </h3>
          <ul className="laureat-laureates">
            {category.laureates.map((l) => (
              <li key={l.slug} data-laureate={l.slug}>
                <p className="fr-text--lg fr-text--bold fr-mb-1v">
                  {preview ? l.title : <Link href={`${base}/laureats/${l.slug}`}>{l.title}</Link>}
                </p>
                <p className="fr-mb-1v">
                  <strong>{l.administration}</strong> — {l.ministry}
                </p>
                <p className="fr-mb-1v">{l.summary}</p>
                {l.grantedCents !== null ? <p className="fr-text--sm">Cofinancement accordé : {formatCents(l.grantedCents)}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2>Critères de sélection</h2>
      <ul>
        {results.criteria.map((c) => (
          <li key={c.key}>
            {c.label} ({c.weight} %)
          </li>
        ))}
      </ul>

      {call.juryComposition ? (
        <>
          <h2>Composition du jury</h2>
          {call.juryComposition.split(/\n+/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </>
      ) : null}

      {call.nextSteps.length > 0 ? (
        <>
          <h2>Prochaines étapes</h2>
          <ul>
            {call.nextSteps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Données ouvertes</h2>
      <p>
        Les lauréats et les montants accordés, au format du standard SCDL « subventions » :{" "}
        {preview ? (
          "fichiers CSV et JSON, publiés avec les résultats."
        ) : (
          <>
            <a href={`${base}/donnees/subventions.csv`} download>
              fichier CSV
            </a>{" "}
            ou{" "}
            <a href={`${base}/donnees/subventions.json`} download>
              fichier JSON
            </a>
            .
          </>
        )}
      </p>
    </article>
  );
}
