import { formatCents } from "@/lib/money";
import type { StatisticsRow, StatisticsView } from "../publication.queries";
import { BarChart } from "@/components/charts/bar-chart";

export function StatisticsPage({ stats }: { stats: StatisticsView }) {
  return (
    <article>
      <h1>Statistiques des appels à projets</h1>
      <p className="fr-text--lead">
        Sur {stats.calls} appel{stats.calls > 1 ? "s" : ""} dont les résultats sont publiés : {stats.totals.dossiers} dossiers déposés,{" "}
        {stats.totals.laureates} lauréats, {formatCents(stats.totals.grantedCents)} de cofinancement accordé.
      </p>
      <p>Seuls les appels dont les résultats sont publiés sont comptés.</p>
      <Section id="ministere" title="Par ministère" header="Ministère" rows={stats.byMinistry} />
      <Section id="categorie" title="Par catégorie de projet" header="Catégorie" rows={stats.byCategory} />
    </article>
  );
}

function Section({ id, title, header, rows }: { id: string; title: string; header: string; rows: StatisticsRow[] }) {
  return (
    <section aria-labelledby={`stats-${id}`}>
      <h2 id={`stats-${id}`}>{title}</h2>
      {rows.length === 0 ? (
        <p>Aucun résultat publié pour l’instant.</p>
      ) : (
        <>
          <BarChart
            id={`graphique-montants-${id}`}
            title={`Cofinancement accordé, ${title.toLowerCase()}`}
            bars={rows.map((r) => ({ label: r.label, value: r.grantedCents, display: formatCents(r.grantedCents) }))}
          />
          <BarChart
            id={`graphique-dossiers-${id}`}
            title={`Dossiers déposés, ${title.toLowerCase()}`}
            bars={rows.map((r) => ({ label: r.label, value: r.dossiers, display: String(r.dossiers) }))}
          />
          <div className="fr-table">
            <table>
              <caption>Dossiers, lauréats et montants — {title.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{header}</th>
                  <th scope="col">Dossiers déposés</th>
                  <th scope="col">Lauréats</th>
                  <th scope="col">Cofinancement accordé</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.dossiers}</td>
                    <td>{r.laureates}</td>
                    <td>{formatCents(r.grantedCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
