import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Card } from "@codegouvfr/react-dsfr/Card";
import type { CallListItem } from "@/lib/calls/call.queries";
import { CALL_PHASE_LABEL } from "@/lib/calls/labels";
import { formatParisDateTime } from "@/lib/time";

export function CallList({ calls }: { calls: CallListItem[] }) {
  if (calls.length === 0) {
    return <p>Aucun appel à projets n’est publié pour le moment.</p>;
  }
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list" aria-label="Appels à projets">
      {calls.map((call) => (
        <li key={call.slug} className="fr-col-12 fr-col-md-6">
          <Card
            title={call.title}
            titleAs="h3"
            desc={call.summary}
            linkProps={{ href: `/appels/${call.slug}` }}
            enlargeLink
            start={
              <ul className="fr-badges-group">
                <li>
                  <Badge severity={call.phase === "OPEN" ? "success" : "info"} noIcon>
                    {CALL_PHASE_LABEL[call.phase]}
                  </Badge>
                </li>
                {call.kind === "ROLLING" ? (
                  <li>
                    <Badge noIcon>Guichet en continu</Badge>
                  </li>
                ) : null}
              </ul>
            }
            end={
              <p className="fr-card__detail">
                {call.kind === "ROLLING" || !call.closesAt
                  ? "Dépôt possible à tout moment"
                  : `Clôture des dépôts : ${formatParisDateTime(call.closesAt)}`}
              </p>
            }
          />
        </li>
      ))}
    </ul>
  );
}
