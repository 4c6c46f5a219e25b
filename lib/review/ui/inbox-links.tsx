import Link from "next/link";
import { requestExportJobAction } from "../export-job.actions";
import { inboxSearchParams, type InboxFilters } from "../inbox.schema";

/**
 * Downloads of the current filtered list (all its pages, in its order) and
 * the way to the call's audition planning and statistics. Plain links: a file download
 * needs no JavaScript, and the filters travel in the query string.
 */
export function InboxLinks({ slug, filters }: { slug: string; filters: InboxFilters }) {
  const base = `/instruction/appels/${slug}`;
  const query = inboxSearchParams({ ...filters, after: null, columns: undefined }).toString();
  const href = (file: string) => `${base}/${file}${query ? `?${query}` : ""}`;
  return (
    <>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={href("dossiers.csv")} download>
            Exporter la liste (CSV)
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={href("dossiers.xlsx")} download>
            Exporter la liste (XLSX)
          </a>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-icon-calendar-line" href={`${base}/auditions`}>
            Planifier les auditions
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-icon-line-chart-line" href={`${base}/statistiques`}>
            Statistiques de l’appel
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-icon-team-line" href={`${base}/jury`}>
            Jury : grille, conflits et retours
          </Link>
        </li>
      </ul>
      {/* A long list: prepared in the background, downloaded later from the exports page. */}
      {/* The action redirects on success; its refusals (anonymous, not staff) are a value React ignores here. */}
      <form action={requestExportJobAction as (form: FormData) => Promise<unknown> as (form: FormData) => Promise<void>} aria-label="Préparer l’export en arrière-plan" className="fr-mb-2w">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="query" value={query} />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li>
            <button type="submit" name="format" value="csv" className="fr-btn fr-btn--tertiary">
              Préparer en arrière-plan (CSV)
            </button>
          </li>
          <li>
            <button type="submit" name="format" value="xlsx" className="fr-btn fr-btn--tertiary">
              Préparer en arrière-plan (XLSX)
            </button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--tertiary-no-outline" href={`${base}/exports`}>
              Mes exports
            </Link>
          </li>
        </ul>
      </form>
    </>
  );
}
