import type { Funnel } from "@/lib/calls/funnel";

const LABELS: [keyof Funnel, string][] = [
  ["submitted", "dossiers déposés"],
  ["administrations", "administrations"],
  ["ministries", "ministères"],
  ["preselected", "dossiers présélectionnés"],
  ["auditioned", "dossiers auditionnés"],
  ["laureates", "lauréats"],
];

export function FunnelFigures({ funnel }: { funnel: Funnel }) {
  return (
    <dl className="laureat-figures" aria-label="Chiffres de l’appel">
      {LABELS.map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd data-figure={key}>{funnel[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
