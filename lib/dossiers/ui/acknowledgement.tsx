import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import { formatCents } from "@/lib/money";
import { formatParisDateTime } from "@/lib/time";
import type { Acknowledgement } from "../dossier.queries";
import { AttachmentList } from "./attachment-list";

export function AcknowledgementPage({ ack }: { ack: Acknowledgement }) {
  return (
    <>
      <h1>Accusé de réception</h1>
      <Alert severity="success" title="Votre dossier a bien été déposé" description={`Numéro de dépôt : ${ack.reference}`} className="fr-mb-4w" />
      <dl>
        <dt className="fr-text--bold">Numéro de dépôt</dt>
        <dd data-testid="receipt-number">{ack.reference}</dd>
        <dt className="fr-text--bold">Projet</dt>
        <dd>{ack.title}</dd>
        <dt className="fr-text--bold">Appel</dt>
        <dd>{ack.callTitle}</dd>
        <dt className="fr-text--bold">Administration</dt>
        <dd>{ack.administrationName}</dd>
        <dt className="fr-text--bold">Déposé le</dt>
        <dd>{formatParisDateTime(ack.submittedAt)} (heure de Paris)</dd>
        <dt className="fr-text--bold">Coût total du projet</dt>
        <dd>{formatCents(ack.totalCostCents)}</dd>
        <dt className="fr-text--bold">Cofinancement demandé</dt>
        <dd>{formatCents(ack.requestedCents)}</dd>
        <dt className="fr-text--bold">Statut actuel</dt>
        <dd>{DOSSIER_STATUS_LABEL[ack.status]}</dd>
      </dl>
      <h2 className="fr-h5">Pièces jointes</h2>
      <AttachmentList dossierId={ack.id} files={ack.attachments} />
      {ack.juryFeedback ? (
        <section aria-labelledby="retour-jury" className="fr-mb-4w">
          <h2 id="retour-jury">Retour du jury</h2>
          <p className="fr-text--sm">Transmis le {formatParisDateTime(ack.juryFeedback.releasedAt)} (heure de Paris).</p>
          <div className="fr-callout">
            <p className="fr-callout__text" style={{ whiteSpace: "pre-wrap" }}>
              {ack.juryFeedback.text}
            </p>
          </div>
        </section>
      ) : null}
      <p>Un courriel d’accusé de réception vous a été envoyé. Le dossier ne peut plus être modifié, sauf si l’équipe du programme vous demande une correction.</p>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/espace/dossiers/${ack.id}/accuse-de-reception/pdf`} download>
          Télécharger l’accusé de réception (PDF)
        </a>
      </p>
      <p>
        <Link href="/espace/dossiers">Retour à mes dossiers</Link>
      </p>
    </>
  );
}
