import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import { formatCents } from "@/lib/money";
import { formatParisDateTime } from "@/lib/time";
import type { MyDossier } from "../dossier.queries";
import { WithdrawForm } from "./withdraw-form";

const SEVERITY: Partial<Record<DossierStatus, "success" | "error" | "info" | "warning" | "new">> = {
  DRAFT: "new",
  SUBMITTED: "info",
  UNDER_REVIEW: "info",
  CORRECTION_REQUESTED: "warning",
  PRESELECTED: "success",
  AUDITIONED: "success",
  LAUREATE: "success",
  NOT_PRESELECTED: "error",
  NOT_RETAINED: "error",
};

export function MyDossiers({ dossiers }: { dossiers: MyDossier[] }) {
  return (
    <>
      <h1>Mes dossiers</h1>
      <p>Les dossiers de votre administration, avec leur statut et leur historique.</p>
      {dossiers.length === 0 ? (
        <p>
          Votre administration n’a encore aucun dossier. Consultez les <Link href="/">appels à projets ouverts</Link>.
        </p>
      ) : (
        <ul className="fr-raw-list">
          {dossiers.map((d) => (
            <li key={d.id} className="fr-card fr-card--no-arrow fr-mb-3w fr-p-3w" data-dossier-id={d.id}>
              <h2 className="fr-h5 fr-mb-1w">{d.title || "Brouillon sans titre"}</h2>
              <p className="fr-mb-1w">
                <Badge severity={SEVERITY[d.status]} noIcon small>
                  {DOSSIER_STATUS_LABEL[d.status]}
                </Badge>{" "}
                {d.reference ? <span>N° {d.reference}</span> : null}
              </p>
              <p className="fr-text--sm fr-mb-1w">
                Appel : {d.callTitle}
                {d.requestedCents > 0n ? ` — cofinancement demandé : ${formatCents(d.requestedCents)}` : ""}
              </p>
              <details>
                <summary>Historique du dossier « {d.title || "Brouillon sans titre"} »</summary>
                <ol>
                  {d.history.map((h, i) => (
                    <li key={i}>
                      <strong>{DOSSIER_STATUS_LABEL[h.status]}</strong> — {formatParisDateTime(h.at)}
                      {h.message ? ` : ${h.message}` : ""}
                    </li>
                  ))}
                </ol>
              </details>
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
                {d.status === "DRAFT" || d.status === "CORRECTION_REQUESTED" ? (
                  <li>
                    <Link className="fr-btn fr-btn--sm" href={`/espace/dossiers/${d.id}`}>
                      Reprendre le dossier « {d.title || "Brouillon sans titre"} »
                    </Link>
                  </li>
                ) : null}
                {d.reference && d.submittedAt ? (
                  <li>
                    <Link className="fr-btn fr-btn--sm fr-btn--secondary" href={`/espace/dossiers/${d.id}/accuse-de-reception`}>
                      Accusé de réception {d.reference}
                    </Link>
                  </li>
                ) : null}
              </ul>
              {d.status === "SUBMITTED" ? <WithdrawForm dossierId={d.id} title={d.title} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
