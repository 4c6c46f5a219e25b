import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { formatParisDateTime } from "@/lib/time";
import { CALL_PHASE_LABEL } from "../labels";
import type { CallConsole, ManagedCall } from "../manage.queries";
import { missingForOpening } from "../checklist";
import { transitionsFrom } from "../phase";
import { DuplicateForm, TransitionForm } from "./console-forms";

export function ManagedCallList({ calls, canCreate }: { calls: ManagedCall[]; canCreate: boolean }) {
  return (
    <>
      <h1>Gestion des appels</h1>
      {canCreate ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/espace/appels/nouveau">
            Créer un appel
          </Link>
        </p>
      ) : null}
      <div className="fr-table">
        <table>
          <caption>Appels que vous gérez</caption>
          <thead>
            <tr>
              <th scope="col">Appel</th>
              <th scope="col">Type</th>
              <th scope="col">Phase</th>
              <th scope="col">Clôture</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/espace/appels/${c.slug}`}>{c.title}</Link>
                </td>
                <td>{c.kind === "ROLLING" ? "Guichet en continu" : "Appel à projets"}</td>
                <td>{CALL_PHASE_LABEL[c.phase]}</td>
                <td>{c.closesAt ? formatParisDateTime(c.closesAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function CallConsoleView({ call, saved }: { call: CallConsole; saved: boolean }) {
  const missing = missingForOpening(call.checklist);
  const transitions = transitionsFrom(call.kind, call.phase);
  const base = `/espace/appels/${call.slug}`;
  return (
    <>
      <h1>{call.title}</h1>
      <p>
        <Badge noIcon severity={call.phase === "OPEN" ? "success" : "info"}>
          {CALL_PHASE_LABEL[call.phase]}
        </Badge>{" "}
        {call.kind === "ROLLING" ? "Guichet en continu" : "Appel à projets"} — {call.dossiers.submitted} dossier(s) déposé(s), {call.dossiers.drafts} brouillon(s).
      </p>
      {saved ? <Alert severity="success" small description="Modifications enregistrées." className="fr-mb-3w" /> : null}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" href={`${base}/modifier`}>
            Modifier les paramètres
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href={`${base}/questions`}>
            Questions du formulaire ({call.questions.length})
          </Link>
        </li>
        {call.canManage ? (
          <li>
            <Link className="fr-btn fr-btn--secondary" href={`${base}/equipe`}>
              Équipe et jury
            </Link>
          </li>
        ) : null}
        {call.canManage ? (
          <li>
            <Link className="fr-btn fr-btn--tertiary" href={`${base}/conservation`}>
              Conservation des données
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="fr-btn fr-btn--tertiary" href={`${base}/apercu`}>
            Aperçu de la page publique
          </Link>
        </li>
      </ul>

      <h2>Liste de contrôle</h2>
      {call.phase === "DRAFT" ? (
        missing.length === 0 ? (
          <Alert severity="success" small description="Tout ce qui est requis pour ouvrir l’appel est renseigné." className="fr-mb-2w" />
        ) : (
          <Alert severity="warning" small description={`Il manque ${missing.length} élément(s) pour ouvrir l’appel.`} className="fr-mb-2w" />
        )
      ) : null}
      <ul aria-label="Liste de contrôle de l’appel">
        {call.checklist.map((item) => (
          <li key={item.key} data-checklist={item.key} data-done={item.done}>
            <span className={item.done ? "fr-icon-checkbox-circle-line fr-icon--sm" : "fr-icon-error-warning-line fr-icon--sm"} aria-hidden="true" /> <strong>{item.label}</strong> :{" "}
            {item.done ? "fait" : `à faire — ${item.todo}${item.blocking ? " (requis pour ouvrir)" : ""}`}
          </li>
        ))}
      </ul>

      <h2>Phase de l’appel</h2>
      {call.kind === "ROLLING" && call.phase === "OPEN" ? <p>Un guichet en continu reste ouvert ; ses dossiers sont examinés par lots mensuels.</p> : null}
      {transitions.length === 0 && !(call.kind === "ROLLING" && call.phase === "OPEN") ? <p>Aucun changement de phase possible depuis cette phase.</p> : null}
      {transitions.map((t) =>
        t.performer === "publication" ? (
          <p key={t.to}>
            Les résultats se publient depuis l’écran <Link href={`${base}/publication`}>Publication des résultats</Link>.
          </p>
        ) : t.performer === "retention" ? (
          <p key={t.to}>
            L’archivage se fait depuis l’écran <Link href={`${base}/conservation`}>Conservation des données</Link> de l’appel.
          </p>
        ) : t.from === "DRAFT" && !call.canOpen ? (
          <p key={t.to}>Seul un administrateur peut ouvrir l’appel.</p>
        ) : (
          <TransitionForm key={t.to} callId={call.id} to={t.to} label={t.label} confirmation={t.confirmation} reopen={t.backwards} />
        ),
      )}

      {call.canManage ? (
        <>
          <h2>Dupliquer l’appel</h2>
          <p>Le nouvel appel reprend les paramètres, les catégories, les critères, les questions et l’éligibilité, sans les dossiers ; il commence en préparation.</p>
          <DuplicateForm callId={call.id} title={call.title} />
        </>
      ) : null}
    </>
  );
}
