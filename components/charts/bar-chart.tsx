/**
 * A horizontal bar chart drawn on the server as SVG: no script, printable,
 * and an `img` whose text alternative lists every value; the data table that
 * always follows it carries the same figures (RGAA 1.3 / 4.1). Shared by the
 * public statistics (lib/publication) and the staff statistics of a call
 * (lib/review): every chart of the portal is drawn here.
 */
export type Bar = { label: string; value: number; display: string };

export function BarChart({ id, title, bars }: { id: string; title: string; bars: Bar[] }) {
  const rowHeight = 28;
  const labelWidth = 340;
  const chartWidth = 420;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  return (
    <figure className="laureat-chart" aria-labelledby={`${id}-titre`}>
      <svg role="img" aria-labelledby={`${id}-titre ${id}-resume`} viewBox={`0 0 ${labelWidth + chartWidth + 120} ${height}`} width="100%">
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-resume`}>{bars.map((b) => `${b.label} : ${b.display}`).join(" ; ")}</desc>
        {bars.map((b, i) => {
          const y = i * rowHeight + 4;
          const w = Math.round((b.value / max) * chartWidth);
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="laureat-chart__label">
                {b.label.length > 48 ? `${b.label.slice(0, 47)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(w, 1)} height={rowHeight - 10} className="laureat-chart__bar" />
              <text x={labelWidth + Math.max(w, 1) + 6} y={y + 17} className="laureat-chart__value">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-legende`} className="fr-text--sm">
        {title} (les valeurs sont détaillées dans le tableau qui suit).
      </figcaption>
    </figure>
  );
}
