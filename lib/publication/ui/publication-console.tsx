import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { CALL_PHASE_LABEL } from "@/lib/calls/labels";
import { formatParisDateTime } from "@/lib/time";
import type { CallForPublication, ResultsView } from "../publication.queries";
import { PublishForm } from "./publish-form";
import { ResultsPage } from "./results-page";

export function PublicationConsole({ call, blocker, preview }: { call: CallForPublication; blocker: string | null; preview: ResultsView }) {
  return (
    <>
      <h1>Publication des résultats — {call.title}</h1>
      <ul>
        <li>
          Phase : <Badge noIcon>{CALL_PHASE_LABEL[call.phase]}</Badge>
        </li>
        <li>
          Délibération :{" "}
          {call.deliberationLockedAt ? `verrouillée le ${formatParisDateTime(call.deliberationLockedAt)}` : "non verrouillée"}
        </li>
        <li>Résultats : {call.resultsPublishedAt ? `publiés le ${formatParisDateTime(call.resultsPublishedAt)}` : "non publiés"}</li>
      </ul>
      {/* Always mounted: after publishing, the refreshed page keeps the form's success message. */}
      <PublishForm callId={call.id} slug={call.slug} published={call.resultsPublishedAt !== null} blocker={blocker} />
      <section aria-labelledby="apercu" className="fr-mt-6w laureat-preview">
        <h2 id="apercu">Aperçu de la page publique</h2>
        <p className="fr-text--sm">La page publique affichera exactement ce contenu.</p>
        <div className="laureat-preview__frame">
          <ResultsPage results={preview} preview />
        </div>
      </section>
    </>
  );
}
