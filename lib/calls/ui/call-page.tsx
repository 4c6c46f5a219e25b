import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { PublicCall } from "@/lib/calls/call.queries";
import type { Funnel } from "@/lib/calls/funnel";
import { CALL_PHASE_LABEL } from "@/lib/calls/labels";
import { formatCents } from "@/lib/money";
import { formatParisDate, formatParisDateTime } from "@/lib/time";

export function CallPage({ call, funnel }: { call: PublicCall; funnel: Funnel | null }) {
  return (
    <article>
      <h1>{call.title}</h1>
      <p>
        <Badge severity={call.phase === "OPEN" ? "success" : "info"} noIcon>
          {CALL_PHASE_LABEL[call.phase]}
        </Badge>
      </p>
      <p className="fr-text--lead">{call.summary}</p>
      {call.description.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i}>{paragraph.replace(/^\*(.*)\*$/s, "$1")}</p>
      ))}

      <h2>Calendrier</h2>
      <ul>
        <li>Ouverture : {formatParisDateTime(call.opensAt)} (heure de Paris)</li>
        <li>
          {call.closesAt
            ? `Clôture des dépôts : ${formatParisDateTime(call.closesAt)} (heure de Paris)`
            : "Guichet en continu : les dossiers sont examinés au fil de l’eau."}
        </li>
        {call.resultsPublishedAt ? <li>Résultats publiés le {formatParisDate(call.resultsPublishedAt)}</li> : null}
      </ul>

      <h2>Enveloppe</h2>
      <p>
        Enveloppe budgétaire : {formatCents(call.budgetEnvelopeCents)}
        {call.maxRequestedCents !== null ? ` — cofinancement demandé plafonné à ${formatCents(call.maxRequestedCents)} par projet` : ""}.
      </p>

      {call.themes.length > 0 ? (
        <>
          <h2>Thèmes</h2>
          <ul>
            {call.themes.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Catégories de projets</h2>
      <ul>
        {call.categories.map((c) => (
          <li key={c.key}>{c.label}</li>
        ))}
      </ul>

      <h2>Critères de sélection</h2>
      <div className="fr-table">
        <table>
          <caption>Critères et pondération</caption>
          <thead>
            <tr>
              <th scope="col">Critère</th>
              <th scope="col">Poids</th>
            </tr>
          </thead>
          <tbody>
            {call.criteria.map((c) => (
              <tr key={c.key}>
                <td>{c.label}</td>
                <td>{c.weight} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {funnel ? (
        <>
          <h2>En chiffres</h2>
          <p>
            <a href={`/appels/${call.slug}/resultats`}>Voir les résultats et les lauréats</a>
          </p>
          <dl className="laureat-figures" aria-label="Chiffres de l’appel">
            <Figure label="dossiers déposés" value={funnel.submitted} />
            <Figure label="administrations" value={funnel.administrations} />
            <Figure label="ministères" value={funnel.ministries} />
            <Figure label="dossiers présélectionnés" value={funnel.preselected} />
            <Figure label="dossiers auditionnés" value={funnel.auditioned} />
            <Figure label="lauréats" value={funnel.laureates} />
          </dl>
        </>
      ) : null}
    </article>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-figure={label}>{value}</dd>
    </div>
  );
}
