import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { formatParisDate, formatParisDateTime } from "@/lib/time";
import { CALL_PHASE_LABEL } from "../labels";
import { KEPT_ON_ARCHIVE } from "../retention";
import type { RetentionView } from "../retention.queries";
import { ArchiveForm, RetentionPeriodForm } from "./retention-forms";

/** Rows shown per table in the detailed listing (the counts are always complete). */
const SHOWN = 100;

const ACTION_LABEL = { DELETE: "Suppression", ANONYMISE: "Anonymisation" } as const;

export function RetentionPage({ view }: { view: RetentionView }) {
  const { call, lines } = view;
  const archived = call.phase === "ARCHIVED";
  const total = (action: "DELETE" | "ANONYMISE") => lines.filter((l) => l.action === action).reduce((n, l) => n + l.rows.length, 0);
  const nonEmpty = lines.filter((l) => l.rows.length > 0);
  return (
    <>
      <h1>Conservation des données — {call.title}</h1>
      <ul>
        <li>
          Phase : <Badge noIcon>{CALL_PHASE_LABEL[call.phase]}</Badge>
        </li>
        <li>Résultats : {call.resultsPublishedAt ? `publiés le ${formatParisDateTime(call.resultsPublishedAt)}` : "non publiés"}</li>
        <li>Durée de conservation : {call.retentionMonths} mois après la publication des résultats</li>
        <li>
          {archived && call.archivedAt
            ? `Archivé le ${formatParisDateTime(call.archivedAt)}`
            : call.dueAt
              ? `Archivage prévu le ${formatParisDate(call.dueAt)}`
              : "Archivage : l’échéance court à partir de la publication des résultats"}
        </li>
      </ul>

      <RetentionPeriodForm callId={call.id} version={call.version} months={call.retentionMonths} disabled={archived} />

      <section aria-labelledby="conserve">
        <h2 id="conserve">Ce qui est toujours conservé</h2>
        <ul>
          {KEPT_ON_ARCHIVE.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="simulation" className="fr-mt-4w">
        <h2 id="simulation">Simulation de l’archivage</h2>
        <p>
          Cette simulation ne modifie rien. Si l’appel était archivé maintenant : <strong>{total("DELETE")} ligne(s) supprimée(s)</strong> et{" "}
          <strong>{total("ANONYMISE")} ligne(s) anonymisée(s)</strong>.
        </p>
        <Table
          caption="Lignes supprimées ou anonymisées, par table"
          headers={["Table", "Traitement", "Lignes", "Ce qui est fait"]}
          data={lines.map((l) => [<code key="t">{l.table}</code>, ACTION_LABEL[l.action], String(l.rows.length), l.description])}
        />
        <h3 className="fr-h5">Détail, ligne par ligne</h3>
        {nonEmpty.length === 0 ? <p>Aucune ligne à supprimer ni à anonymiser.</p> : null}
        {nonEmpty.map((l, i) => (
          <details key={`${l.table}-${l.action}-${i}`} className="fr-mb-2w">
            <summary>
              {ACTION_LABEL[l.action]} — <code>{l.table}</code> ({l.rows.length})
            </summary>
            <ul className="fr-text--sm">
              {l.rows.slice(0, SHOWN).map((r) => (
                <li key={r.id}>{r.label}</li>
              ))}
            </ul>
            {l.rows.length > SHOWN ? <p className="fr-text--sm">… et {l.rows.length - SHOWN} autre(s).</p> : null}
          </details>
        ))}
      </section>

      {archived ? null : (
        <section aria-labelledby="archiver" className="fr-mt-4w">
          <h2 id="archiver">Archiver l’appel</h2>
          <ArchiveForm callId={call.id} digest={view.digest} due={view.due} blocker={view.blocker} />
        </section>
      )}
    </>
  );
}
