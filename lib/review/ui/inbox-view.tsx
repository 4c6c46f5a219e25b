import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import Link from "next/link";
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/money";
import { formatParisDateTime } from "@/lib/time";
import type { InboxPage } from "../inbox.queries";
import { COLUMNS, INBOX_STATUSES, inboxSearchParams, type Column, type DecisionFilter, type InboxFilters, type SortKey } from "../inbox.schema";
import { TagBadge } from "./dossier-view";
import { InboxLinks } from "./inbox-links";
import { InboxViews } from "./inbox-views";
import { BulkForm, ReleaseForm } from "./review-forms";

const DECISION_FILTER_LABEL: Record<DecisionFilter, string> = {
  PRESELECTED: "Présélectionnés",
  NOT_PRESELECTED: "Non présélectionnés",
  PENDING: "Décision non publiée",
  NONE: "Sans décision",
};

function decisionText(r: InboxPage["rows"][number]["review"]): string {
  if (!r.decision) return "—";
  const label = r.decision === "PRESELECTED" ? "Présélectionné" : "Non présélectionné";
  return r.released ? `${label} (publiée)` : `${label} (non publiée)`;
}

const COLUMN_LABEL: Record<Column, string> = {
  reference: "N° de dossier",
  title: "Projet",
  administration: "Administration",
  ministry: "Ministère",
  category: "Catégorie",
  requested: "Montant demandé",
  submittedAt: "Déposé le",
  status: "Statut",
};

/** The inbox: a GET form (works without JavaScript, filters live in the URL) and a DSFR table. */
export function InboxView({ page, filters, ignored }: { page: InboxPage; filters: InboxFilters; ignored: string[] }) {
  const base = `/instruction/appels/${page.call.slug}`;
  const tagsById = new Map(page.tags.map((t) => [t.id, t]));
  const sortLink = (key: SortKey) => {
    const dir = filters.sort === key && filters.dir === "asc" ? "desc" : "asc";
    return `${base}?${inboxSearchParams({ ...filters, sort: key, dir, after: null })}`;
  };
  const cell = (row: InboxPage["rows"][number], column: Column) => {
    switch (column) {
      case "reference":
        return row.reference ?? "—";
      case "title":
        // Plain anchors in the table (and its sort headers): a next/link per row would
        // prefetch fifty dossier pages on every view of the inbox, and is a client
        // component to render and hydrate fifty times.
        return (
          <>
            <a href={`${base}/dossiers/${row.id}`}>{row.title}</a>
            {row.review.tags.length > 0 ? (
              <ul className="fr-tags-group fr-mt-1v" aria-label="Étiquettes">
                {row.review.tags.map((id) => {
                  const tag = tagsById.get(id);
                  return tag ? (
                    <li key={id}>
                      <TagBadge label={tag.label} colour={tag.colour} />
                    </li>
                  ) : null;
                })}
              </ul>
            ) : null}
          </>
        );
      case "administration":
        return row.administration;
      case "ministry":
        return row.ministry;
      case "category":
        return row.category ?? "—";
      case "requested":
        return formatCents(row.requestedCents);
      case "submittedAt":
        return row.submittedAt ? formatParisDateTime(row.submittedAt) : "—";
      case "status":
        return <Badge noIcon small>{DOSSIER_STATUS_LABEL[row.status as DossierStatus]}</Badge>;
    }
  };
  return (
    <>
      <h1>Dossiers — {page.call.title}</h1>
      <ul className="fr-badges-group fr-mb-3w" aria-label="Dossiers par statut">
        {Object.entries(page.statusCounts).map(([status, count]) => (
          <li key={status}>
            <Badge severity="info" noIcon>{`${DOSSIER_STATUS_LABEL[status as DossierStatus]} : ${count}`}</Badge>
          </li>
        ))}
      </ul>
      {ignored.length > 0 ? (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          description={`Paramètres non reconnus, ignorés : ${ignored.join(", ")}.`}
        />
      ) : null}

      <form method="get" action={base} className="fr-mb-4w" aria-label="Filtrer les dossiers">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="inbox-q">
                Rechercher
                <span className="fr-hint-text">Dans le titre, le résumé et l’administration</span>
              </label>
              <input className="fr-input" id="inbox-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-statut">Statut</label>
              <select className="fr-select" id="inbox-statut" name="statut" defaultValue={filters.statuses[0] ?? ""}>
                <option value="">Tous</option>
                {INBOX_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {DOSSIER_STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-categorie">Catégorie</label>
              <select className="fr-select" id="inbox-categorie" name="categorie" defaultValue={filters.categories[0] ?? ""}>
                <option value="">Toutes</option>
                {page.call.categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-ministere">Ministère</label>
              <select className="fr-select" id="inbox-ministere" name="ministere" defaultValue={filters.ministries[0] ?? ""}>
                <option value="">Tous</option>
                {page.ministries.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="inbox-min">Montant minimum (€)</label>
              <input className="fr-input" id="inbox-min" name="min" type="number" min={0} step={1} defaultValue={filters.minEuros ?? ""} />
            </div>
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="inbox-max">Montant maximum (€)</label>
              <input className="fr-input" id="inbox-max" name="max" type="number" min={0} step={1} defaultValue={filters.maxEuros ?? ""} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-instructeur">Instructeur</label>
              <select className="fr-select" id="inbox-instructeur" name="instructeur" defaultValue={filters.assignee ?? ""}>
                <option value="">Tous</option>
                <option value="me">Mes dossiers</option>
                {page.staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-etiquette">Étiquette</label>
              <select className="fr-select" id="inbox-etiquette" name="etiquette" defaultValue={filters.tag ?? ""}>
                <option value="">Toutes</option>
                {page.tags.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="inbox-presel">Présélection</label>
              <select className="fr-select" id="inbox-presel" name="presel" defaultValue={filters.decision ?? ""}>
                <option value="">Toutes</option>
                {Object.entries(DECISION_FILTER_LABEL).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="fr-col-12 fr-col-md-4 fr-fieldset" aria-labelledby="inbox-colonnes-legend">
            <legend className="fr-fieldset__legend fr-text--regular" id="inbox-colonnes-legend">Colonnes affichées</legend>
            {COLUMNS.map((c) => (
              <div key={c} className="fr-fieldset__element fr-fieldset__element--inline">
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={`col-${c}`} name="colonnes" value={c} defaultChecked={filters.columns.includes(c)} />
                  <label className="fr-label" htmlFor={`col-${c}`}>{COLUMN_LABEL[c]}</label>
                </div>
              </div>
            ))}
          </fieldset>
        </div>
        {filters.sort !== "submittedAt" ? <input type="hidden" name="tri" value={filters.sort} /> : null}
        {filters.dir === "desc" ? <input type="hidden" name="ordre" value="desc" /> : null}
        <Button type="submit">Filtrer</Button>{" "}
        <Link className="fr-btn fr-btn--secondary" href={base}>
          Réinitialiser
        </Link>
      </form>

      <InboxLinks slug={page.call.slug} filters={filters} />

      <InboxViews base={base} callId={page.call.id} currentQuery={inboxSearchParams({ ...filters, after: null }).toString()} views={page.views} />

      <section aria-labelledby="publication-decisions" className="fr-mb-4w">
        <h2 id="publication-decisions" className="fr-h5">
          Décisions de présélection : {page.pendingDecisions} en attente de publication
        </h2>
        {page.call.decisionsReleasedAt ? <p className="fr-text--sm">Dernière publication : {formatParisDateTime(page.call.decisionsReleasedAt)}.</p> : null}
        <p className="fr-text--sm">Tant qu’elles ne sont pas publiées, les décisions restent invisibles pour les administrations.</p>
        <ReleaseForm callId={page.call.id} pending={page.pendingDecisions} />
      </section>

      <BulkForm callId={page.call.id} staff={page.staff} tags={page.tags} />

      <p role="status">{page.total} dossier{page.total > 1 ? "s" : ""} correspond{page.total > 1 ? "ent" : ""} aux filtres.</p>
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Dossiers de l’appel</caption>
          <thead>
            <tr>
              <th scope="col">Sélection</th>
              {filters.columns.map((c) => (
                <th
                  key={c}
                  scope="col"
                  aria-sort={filters.sort === c ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  <a href={sortLink(c)}>
                    {COLUMN_LABEL[c]}
                    <span className="fr-sr-only"> (trier)</span>
                  </a>
                </th>
              ))}
              <th scope="col">Présélection</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <div className="fr-checkbox-group fr-checkbox-group--sm">
                    <input type="checkbox" id={`sel-${row.id}`} name="ids" value={row.id} form="bulk-form" />
                    <label className="fr-label" htmlFor={`sel-${row.id}`}>
                      <span className="fr-sr-only">Sélectionner le dossier {row.reference ?? row.title}</span>
                    </label>
                  </div>
                </td>
                {filters.columns.map((c) => (
                  <td key={c}>{cell(row, c)}</td>
                ))}
                <td>{decisionText(row.review)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="fr-mt-2w">
        {filters.after ? (
          <Link className="fr-link fr-mr-4w" href={`${base}?${inboxSearchParams({ ...filters, after: null })}`}>
            Première page
          </Link>
        ) : null}
        {page.next ? (
          <Link className="fr-link" href={`${base}?${inboxSearchParams({ ...filters, after: page.next })}`}>
            Page suivante
          </Link>
        ) : null}
      </nav>
    </>
  );
}
