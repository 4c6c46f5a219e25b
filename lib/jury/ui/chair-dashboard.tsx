import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { formatCents } from "@/lib/money";
import { lockDeliberationAction, lockDossierAction, recordDecisionAction } from "../jury.actions";
import type { ChairView } from "../jury.queries";
import { DECISION_LABEL, DECISIONS } from "../jury.schema";
import { ActionForm } from "./action-form";

const n = (x: number | null) => (x === null ? "—" : x.toLocaleString("fr-FR", { maximumFractionDigits: 2 }));
const METHOD_LABEL = { mean: "moyenne", normalised: "moyenne normalisée", median: "médiane", leaveOneOut: "sans un juré" } as const;

export function ChairDashboard({ callId, path, view, envelope, locked, nextSlotTitle, nextSlotConflicted }: {
  callId: string;
  path: string;
  view: ChairView;
  envelope: bigint;
  locked: boolean;
  nextSlotTitle: string | null;
  nextSlotConflicted: string[];
}) {
  const rowById = new Map(view.rows.map((r) => [r.juryDossierId, r]));
  return (
    <>
      <section aria-labelledby="room-title">
        <h2 id="room-title" className="fr-h4">
          Membres du jury
        </h2>
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Membres du jury et notations validées</caption>
            <thead>
              <tr>
                <th scope="col">Membre</th>
                <th scope="col">Notations validées</th>
                <th scope="col">Prochain créneau</th>
              </tr>
            </thead>
            <tbody>
              {view.jurors.map((j) => (
                <tr key={j.memberId}>
                  <td>
                    {j.name}
                    {j.isChair ? " (président)" : ""}
                  </td>
                  <td>{j.submitted}</td>
                  <td>{nextSlotConflicted.includes(j.memberId) ? <Badge severity="warning">{`Doit quitter la salle${nextSlotTitle ? ` : ${nextSlotTitle}` : ""}`}</Badge> : "Présent"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title" className="fr-h4">
          Classement en direct
        </h2>
        <p>
          Enveloppe de l’appel : <strong>{formatCents(envelope)}</strong> — accordé à ce jour : <strong>{formatCents(view.grantedTotalCents)}</strong>
        </p>
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Classement des dossiers</caption>
            <thead>
              <tr>
                <th scope="col">Rang</th>
                <th scope="col">Dossier</th>
                <th scope="col">Moyenne pondérée</th>
                <th scope="col">Moyenne normalisée</th>
                <th scope="col">Médiane</th>
                <th scope="col">Écart type</th>
                <th scope="col">Max − min</th>
                <th scope="col">Seuils</th>
                <th scope="col">Demandé</th>
                <th scope="col">Cumul</th>
              </tr>
            </thead>
            <tbody>
              {view.ranking.dossiers.map((d) => {
                const row = rowById.get(d.id)!;
                return (
                  <tr key={d.id}>
                    <td>{d.rank}</td>
                    <td>
                      {row.title} {d.contested && <Badge severity="error" small>Dossier contesté</Badge>}
                    </td>
                    <td>{n(d.mean)}</td>
                    <td>{n(d.normalisedMean)}</td>
                    <td>{n(d.median)}</td>
                    <td>{n(d.sd)}</td>
                    <td>{n(d.spread)}</td>
                    <td>{d.thresholdsPassed === null ? "—" : d.thresholdsPassed ? "Atteints" : "Non atteints"}</td>
                    <td>{formatCents(d.requestedCents)}</td>
                    <td>
                      {formatCents(d.cumulativeRequestedCents)}
                      {!d.withinEnvelope && " (au-delà de l’enveloppe)"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {view.rows.some((r) => r.recusedViewer) && <p className="fr-text--sm">Les dossiers sur lesquels vous êtes en conflit d’intérêts ne vous sont pas montrés.</p>}
      </section>

      <section aria-labelledby="robustness-title">
        <h2 id="robustness-title" className="fr-h4">
          Robustesse à la ligne de coupure (top {view.ranking.robustness.cutSize})
        </h2>
        {view.ranking.robustness.fragile.length === 0 ? (
          <p>Le top {view.ranking.robustness.cutSize} est le même selon toutes les méthodes.</p>
        ) : (
          <ul>
            {view.ranking.robustness.fragile.map((f) => (
              <li key={f.id}>
                <strong>{rowById.get(f.id)!.title}</strong> :{" "}
                {f.enters.length > 0 && `entre dans le top selon ${f.enters.map((m) => METHOD_LABEL[m]).join(", ")}`}
                {f.enters.length > 0 && f.leaves.length > 0 && " ; "}
                {f.leaves.length > 0 && `sort du top selon ${f.leaves.map((m) => METHOD_LABEL[m]).join(", ")}`} (dans le top pour {f.leaveOneOutInTop} variante(s) sur{" "}
                {view.ranking.robustness.leaveOneOutVariants} sans un juré)
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title" className="fr-h4">
          Décisions
        </h2>
        {view.rows
          .filter((r) => !r.recusedViewer)
          .map((r) => (
            <div key={r.juryDossierId} className="fr-mb-3w">
              <h3 className="fr-h6 fr-mb-1w">
                {r.title} — demandé {formatCents(r.requestedCents)} {r.decision && <Badge small>{DECISION_LABEL[r.decision as keyof typeof DECISION_LABEL]}</Badge>}
              </h3>
              {!r.locked ? (
                <ActionForm action={lockDossierAction} hidden={{ callId, path, juryDossierId: r.juryDossierId }}>
                  <Button type="submit" size="small" priority="secondary" disabled={locked}>
                    {`Verrouiller les notes — ${r.title}`}
                  </Button>
                </ActionForm>
              ) : (
                !locked && (
                  <ActionForm action={recordDecisionAction} hidden={{ callId, path, juryDossierId: r.juryDossierId }} success="Décision enregistrée.">
                    <Select label={`Décision — ${r.title}`} nativeSelectProps={{ name: "decision", defaultValue: r.decision ?? "" }}>
                      <option value="" disabled>
                        Choisir
                      </option>
                      {DECISIONS.map((d) => (
                        <option key={d} value={d}>
                          {DECISION_LABEL[d]}
                        </option>
                      ))}
                    </Select>
                    <Input label={`Montant accordé en euros — ${r.title}`} hintText="Lauréats uniquement" nativeInputProps={{ name: "grantedEuros", inputMode: "decimal", defaultValue: r.grantedCents === null ? "" : String(Number(r.grantedCents) / 100) }} />
                    <Input label={`Motivation du jury — ${r.title}`} textArea nativeTextAreaProps={{ name: "motivation", defaultValue: r.motivation ?? "" }} />
                    <Button type="submit" size="small">
                      {`Enregistrer la décision — ${r.title}`}
                    </Button>
                  </ActionForm>
                )
              )}
            </div>
          ))}
        {locked ? (
          <p>
            <Badge severity="success">Délibération verrouillée</Badge>
          </p>
        ) : (
          <ActionForm action={lockDeliberationAction} hidden={{ callId, path }} success="Délibération verrouillée.">
            <Button type="submit">Verrouiller la délibération</Button>
          </ActionForm>
        )}
      </section>
    </>
  );
}
