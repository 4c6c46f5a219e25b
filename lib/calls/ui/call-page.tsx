import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { PublicCall } from "@/lib/calls/call.queries";
import type { Funnel } from "@/lib/calls/funnel";
import { CALL_PHASE_LABEL } from "@/lib/calls/labels";
import { formatCents } from "@/lib/money";
import { formatParisDate, formatParisDateTime } from "@/lib/time";
import { ADMINISTRATION_KIND_LABEL } from "../call.schema";
import { Countdown } from "./countdown";
import { Markdown } from "./markdown";

const dayFormatter = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone: "UTC" });
const formatDay = (iso: string) => dayFormatter.format(new Date(`${iso}T00:00:00Z`));

export function CallPage({ call, funnel, now = new Date() }: { call: PublicCall; funnel: Funnel | null; now?: Date }) {
  const accepting = call.phase === "OPEN" && call.opensAt <= now && (!call.closesAt || call.closesAt.getTime() + 60_000 > now.getTime());
  return (
    <article>
      <h1>{call.title}</h1>
      <p>
        <Badge severity={call.phase === "OPEN" ? "success" : "info"} noIcon>
          {CALL_PHASE_LABEL[call.phase]}
        </Badge>
      </p>
      <p className="fr-text--lead">{call.summary}</p>
      <Markdown source={call.description} />

      {accepting ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Déposer un dossier</h2>
          {call.closesAt ? (
            <>
              <p className="fr-callout__text">Date limite : {formatParisDateTime(call.closesAt)} (heure de Paris).</p>
              <Countdown deadline={call.closesAt.toISOString()} serverNow={now.toISOString()} />
            </>
          ) : (
            <p className="fr-callout__text">Guichet en continu : pas de date limite unique, les dossiers sont examinés au fil de l’eau.</p>
          )}
          <Link className="fr-btn" href={`/espace/dossiers/nouveau/${call.slug}`}>
            Déposer un dossier
          </Link>
        </div>
      ) : null}

      <h2>Calendrier</h2>
      <ul>
        <li>Ouverture : {formatParisDateTime(call.opensAt)} (heure de Paris)</li>
        <li>
          {call.closesAt
            ? `Clôture des dépôts : ${formatParisDateTime(call.closesAt)} (heure de Paris)`
            : "Guichet en continu : les dossiers sont examinés au fil de l’eau."}
        </li>
        {call.preselectionAt ? <li>Présélection : {formatParisDate(call.preselectionAt)}</li> : null}
        {call.auditionDays.length > 0 ? <li>Auditions : {call.auditionDays.map(formatDay).join(", ")}</li> : null}
        {call.resultsPublishedAt ? (
          <li>Résultats publiés le {formatParisDate(call.resultsPublishedAt)}</li>
        ) : call.resultsExpectedAt ? (
          <li>Résultats attendus : {formatParisDate(call.resultsExpectedAt)}</li>
        ) : null}
      </ul>

      <h2>Conditions d’éligibilité</h2>
      <ul>
        <li>
          Le projet est porté par une administration{" "}
          {call.eligibleKinds.length > 0
            ? `de l’un de ces types : ${call.eligibleKinds.map((k) => ADMINISTRATION_KIND_LABEL[k].toLowerCase()).join(", ")}`
            : "de l’État (administration centrale, service déconcentré ou opérateur)"}{" "}
          ; le dossier est déposé par un de ses agents.
        </li>
        <li>Le projet porte sur l’exploitation, le partage ou l’ouverture de données de l’administration.</li>
        {call.maxRequestedCents !== null ? <li>Cofinancement demandé au plus égal à {formatCents(call.maxRequestedCents)}.</li> : null}
        {call.minRequestedCents !== null ? <li>Cofinancement demandé d’au moins {formatCents(call.minRequestedCents)}.</li> : null}
        {call.maxRateBps !== null ? <li>Taux de cofinancement au plus égal à {call.maxRateBps / 100} % du coût total du projet.</li> : null}
        <li>Le cofinancement demandé ne dépasse pas le coût total du projet.</li>
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
