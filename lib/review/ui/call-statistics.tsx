import Link from "next/link";
import { BarChart, type Bar } from "@/components/charts/bar-chart";
import { formatCents } from "@/lib/money";
import type { BreakdownRow, CallStatistics, FunnelStage } from "../statistics.queries";

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const share = (part: number, whole: number) => (whole > 0 ? percent.format(part / whole) : "—");
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const STAGES: { key: FunnelStage; label: string; hint: string }[] = [
  { key: "submitted", label: "Déposés", hint: "Dossiers déposés, hors brouillons et dossiers retirés." },
  { key: "admissible", label: "Recevables", hint: "Critères d’éligibilité vérifiés par l’équipe tous remplis, administration de l’État ou opérateur." },
  { key: "preselected", label: "Présélectionnés", hint: "Décision de présélection actuelle, publiée ou non." },
  { key: "auditioned", label: "Auditionnés", hint: "Dossiers passés en audition devant le jury." },
  { key: "laureates", label: "Lauréats", hint: "Dossiers retenus par le jury." },
];

/**
 * Statistics of a call for its staff. Every chart (components/charts, the
 * same as the public statistics) is followed by a table of the same figures.
 */
export function CallStatisticsView({ stats }: { stats: CallStatistics }) {
  const { funnel, budget } = stats;
  const base = `/instruction/appels/${stats.call.slug}`;
  const funnelBars: Bar[] = STAGES.map((s) => ({ label: s.label, value: funnel[s.key], display: String(funnel[s.key]) }));
  const budgetRows = [
    { label: "Enveloppe de l’appel", cents: budget.envelopeCents },
    { label: "Montant demandé, dossiers déposés", cents: budget.requestedCents },
    { label: "Montant demandé, dossiers présélectionnés", cents: budget.preselectedRequestedCents },
    { label: "Cofinancement accordé aux lauréats", cents: budget.grantedCents },
  ];
  return (
    <>
      <h1>Statistiques — {stats.call.title}</h1>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={base}>
          Retour aux dossiers de l’appel
        </Link>
      </p>
      <p className="fr-text--sm">
        Réservé à l’équipe du programme : les décisions de présélection non publiées y sont comptées, elles restent invisibles pour les administrations.
      </p>

      <section aria-labelledby="stats-entonnoir" className="fr-mb-6w">
        <h2 id="stats-entonnoir">Entonnoir de sélection</h2>
        {funnel.preselectedPending > 0 ? (
          <p>
            Dont {plural(funnel.preselectedPending, "présélection non publiée", "présélections non publiées")}.
          </p>
        ) : null}
        <BarChart id="graphique-entonnoir" title="Dossiers à chaque étape de la sélection" bars={funnelBars} />
        <div className="fr-table">
          <table>
            <caption>Dossiers à chaque étape de la sélection</caption>
            <thead>
              <tr>
                <th scope="col">Étape</th>
                <th scope="col">Dossiers</th>
                <th scope="col">Part des dossiers déposés</th>
                <th scope="col">Définition</th>
              </tr>
            </thead>
            <tbody>
              {STAGES.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{s.label}</th>
                  <td>{funnel[s.key]}</td>
                  <td>{share(funnel[s.key], funnel.submitted)}</td>
                  <td>{s.hint}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Breakdown id="ministere" title="Par ministère" header="Ministère" rows={stats.byMinistry} />
      <Breakdown id="categorie" title="Par catégorie de projet" header="Catégorie" rows={stats.byCategory} />

      <section aria-labelledby="stats-budget" className="fr-mb-6w">
        <h2 id="stats-budget">Montants demandés et enveloppe</h2>
        <p>
          Les dossiers déposés demandent {share(budget.requestedCents, budget.envelopeCents)} de l’enveloppe de l’appel ; les dossiers présélectionnés en
          demandent {share(budget.preselectedRequestedCents, budget.envelopeCents)}.
        </p>
        <BarChart
          id="graphique-budget"
          title="Montants demandés et enveloppe de l’appel"
          bars={budgetRows.map((r) => ({ label: r.label, value: r.cents, display: formatCents(r.cents) }))}
        />
        <div className="fr-table">
          <table>
            <caption>Montants demandés et enveloppe de l’appel</caption>
            <thead>
              <tr>
                <th scope="col">Montant</th>
                <th scope="col">Euros</th>
                <th scope="col">Part de l’enveloppe</th>
              </tr>
            </thead>
            <tbody>
              {budgetRows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{formatCents(r.cents)}</td>
                  <td>{share(r.cents, budget.envelopeCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function Breakdown({ id, title, header, rows }: { id: string; title: string; header: string; rows: BreakdownRow[] }) {
  return (
    <section aria-labelledby={`stats-${id}`} className="fr-mb-6w">
      <h2 id={`stats-${id}`}>{title}</h2>
      {rows.length === 0 ? (
        <p>Aucun dossier déposé pour l’instant.</p>
      ) : (
        <>
          <BarChart
            id={`graphique-${id}`}
            title={`Dossiers déposés, ${title.toLowerCase()}`}
            bars={rows.map((r) => ({ label: r.label, value: r.dossiers, display: String(r.dossiers) }))}
          />
          <div className="fr-table">
            <table>
              <caption>Dossiers déposés, présélectionnés et montants demandés — {title.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{header}</th>
                  <th scope="col">Dossiers déposés</th>
                  <th scope="col">Présélectionnés</th>
                  <th scope="col">Montant demandé</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.dossiers}</td>
                    <td>{r.preselected}</td>
                    <td>{formatCents(r.requestedCents)}</td>
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
