import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { formatBytes } from "@/lib/files/file-type";
import { formatParisDateTime } from "@/lib/time";
import { EXPORT_JOB_TTL_MS, EXPORT_JOBS_PER_PERSON, type ExportJobView } from "../export-job";
import { AutoRefresh } from "./auto-refresh";

const STATUS: Record<ExportJobView["status"], { label: string; severity: "info" | "success" | "error" | "new" }> = {
  PENDING: { label: "En attente", severity: "new" },
  RUNNING: { label: "En préparation", severity: "info" },
  DONE: { label: "Prêt", severity: "success" },
  FAILED: { label: "Échec", severity: "error" },
};

const nf = new Intl.NumberFormat("fr-FR");

/** The requester's background exports of a call: progress, then the download link until it expires. */
export function ExportJobsView({ data, refused, now }: { data: { call: { slug: string; title: string }; jobs: ExportJobView[] }; refused: boolean; now: Date }) {
  const base = `/instruction/appels/${data.call.slug}`;
  const working = data.jobs.filter((j) => j.status === "PENDING" || j.status === "RUNNING").length;
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={base}>
          Retour aux dossiers de l’appel
        </Link>
      </p>
      <h1>Exports en arrière-plan — {data.call.title}</h1>
      <p>
        Un export préparé en arrière-plan n’immobilise pas votre navigateur : la liste filtrée est écrite lot par lot, puis le fichier reste téléchargeable{" "}
        {EXPORT_JOB_TTL_MS / 3_600_000} heures, par vous seul.
      </p>
      {refused ? (
        <Alert severity="warning" small className="fr-mb-2w" description={`Vous avez déjà ${EXPORT_JOBS_PER_PERSON} exports en préparation : attendez qu’ils soient prêts avant d’en demander un autre.`} />
      ) : null}
      <p role="status">{working > 0 ? `${working} export${working > 1 ? "s" : ""} en préparation : cette page se met à jour seule.` : "Aucun export en préparation."}</p>
      <AutoRefresh active={working > 0} />
      {data.jobs.length === 0 ? (
        <p>Aucun export demandé pour cet appel. Depuis la liste des dossiers, choisissez « Préparer en arrière-plan ».</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>Mes exports de cet appel</caption>
            <thead>
              <tr>
                <th scope="col">Demandé le</th>
                <th scope="col">Format</th>
                <th scope="col">Avancement</th>
                <th scope="col">État</th>
                <th scope="col">Fichier</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((j) => {
                const expired = j.status === "DONE" && !!j.expiresAt && j.expiresAt < now;
                return (
                  <tr key={j.id}>
                    <td>{formatParisDateTime(j.createdAt)}</td>
                    <td>{j.format.toUpperCase()}</td>
                    <td>
                      <progress value={j.doneRows} max={Math.max(j.totalRows, 1)} aria-label={`Avancement de l’export du ${formatParisDateTime(j.createdAt)}`} />{" "}
                      {nf.format(j.doneRows)} / {nf.format(j.totalRows)} dossiers
                    </td>
                    <td>
                      <Badge small noIcon severity={STATUS[j.status].severity}>
                        {expired ? "Expiré" : STATUS[j.status].label}
                      </Badge>
                      {j.status === "FAILED" && j.error ? <p className="fr-text--xs fr-mb-0">{j.error}</p> : null}
                    </td>
                    <td>
                      {j.status === "DONE" && !expired ? (
                        <>
                          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${base}/exports/${j.id}`} download>
                            {`Télécharger ${j.fileName}`}
                          </a>
                          <p className="fr-text--xs fr-mb-0">
                            {j.sizeBytes !== null ? `${formatBytes(j.sizeBytes)}, ` : ""}jusqu’au {formatParisDateTime(j.expiresAt!)}
                          </p>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
