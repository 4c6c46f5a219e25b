import { Button } from "@codegouvfr/react-dsfr/Button";
import { attachmentHref, type AttachmentDto } from "@/lib/files/attachment.schema";
import { ALLOWED_TYPES, formatBytes } from "@/lib/files/file-type";

const TYPE_NAME: Record<string, string> = Object.fromEntries(Object.values(ALLOWED_TYPES).map((t) => [t.mime, t.extensions[0]!.toUpperCase()]));

/**
 * A dossier's attachments: name (a download link), type, size, and when
 * `onRemove` is given a « Retirer » button per file. Shared by the wizard,
 * the acknowledgement and the staff view.
 */
export function AttachmentList({ dossierId, files, onRemove, busy = false }: { dossierId: string; files: AttachmentDto[]; onRemove?: (file: AttachmentDto) => void; busy?: boolean }) {
  if (files.length === 0) return <p className="fr-text--sm">Aucune pièce jointe.</p>;
  return (
    <ul className="fr-raw-list" aria-label="Pièces jointes du dossier">
      {files.map((f) => (
        <li key={f.id} className="fr-mb-1w" data-attachment-id={f.id}>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={attachmentHref(dossierId, f.id)} download={f.fileName}>
            {f.fileName}
            <span className="fr-sr-only"> (télécharger)</span>
          </a>{" "}
          <span className="fr-text--xs fr-mb-0">
            {TYPE_NAME[f.mimeType] ?? f.mimeType} — {formatBytes(f.sizeBytes)}
          </span>
          {onRemove ? (
            <>
              {" "}
              <Button type="button" priority="tertiary no outline" size="small" iconId="fr-icon-delete-line" iconPosition="left" disabled={busy} onClick={() => onRemove(f)}>
                Retirer<span className="fr-sr-only">&nbsp;«&nbsp;{f.fileName}&nbsp;»</span>
              </Button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
