import Link from "next/link";
import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { formatCents } from "@/lib/money";
import type { LaureateView } from "../publication.queries";

export function LaureatePage({ laureate }: { laureate: LaureateView }) {
  const results = `/appels/${laureate.call.slug}/resultats`;
  return (
    <article>
      <nav className="fr-breadcrumb laureat-no-print" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/">
              Accueil
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" href={results}>
              Résultats — {laureate.call.title}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {laureate.title}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{laureate.title}</h1>
      {laureate.category ? (
        <p>
          <Tag>{laureate.category}</Tag>
        </p>
      ) : null}
      <p className="fr-text--lead">{laureate.summary}</p>
      <dl className="laureat-facts">
        <dt>Administration porteuse</dt>
        <dd>{laureate.administration}</dd>
        <dt>Ministère</dt>
        <dd>{laureate.ministry}</dd>
        <dt>Cofinancement accordé</dt>
        <dd>{laureate.grantedCents !== null ? formatCents(laureate.grantedCents) : "non communiqué"}</dd>
        <dt>Appel à projets</dt>
        <dd>{laureate.call.title}</dd>
      </dl>
      <p>
        <Link href={results}>Tous les lauréats de l’appel</Link>
      </p>
    </article>
  );
}
