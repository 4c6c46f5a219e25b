"use client";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { useId, useRef, useState } from "react";
import { removeAttachmentAction } from "@/lib/files/attachment.actions";
import { uploadHref, type AttachmentDto } from "@/lib/files/attachment.schema";
import { ACCEPT_ATTRIBUTE, ACCEPTED_LABEL, checkContent, formatBytes, LIMITS, sanitiseFileName } from "@/lib/files/file-type";
import { AttachmentList } from "./attachment-list";

type Progress = { name: string; loaded: number; total: number };
type UploadOutcome = { ok: true; data: AttachmentDto } | { ok: false; message: string };

/** One file to the upload route, with progress events (fetch has none for uploads). */
function send(dossierId: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadHref(dossierId));
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { ok: true; data: AttachmentDto } | { ok: false; message: string };
        resolve(body.ok ? body : { ok: false, message: body.message });
      } catch {
        resolve({ ok: false, message: `L’envoi de «\u00a0${file.name}\u00a0» a échoué (réponse inattendue du serveur) : réessayez.` });
      }
    };
    xhr.onerror = () => resolve({ ok: false, message: `L’envoi de «\u00a0${file.name}\u00a0» a été interrompu (connexion perdue) : réessayez.` });
    xhr.send(file);
  });
}

/**
 * « Pièces jointes » of a dossier being written: a DSFR file input, one
 * progress bar per file being sent, the refusals announced (role=alert), the
 * list with download links and « Retirer » buttons. Every control is a native
 * input, link or button: usable with the keyboard alone.
 */
export function AttachmentsEditor({ dossierId, files, setFiles }: {
  dossierId: string;
  files: AttachmentDto[];
  /** The list lives in the wizard, so that it survives moving between steps. */
  setFiles: React.Dispatch<React.SetStateAction<AttachmentDto[]>>;
}) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const limitsId = useId();
  const total = files.reduce((s, f) => s + f.sizeBytes, 0);

  const onChange = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = "";
    // One batch at a time (the input stays enabled so that the focus never jumps away).
    if (chosen.length === 0 || progress) return;
    setErrors([]);
    const refused: string[] = [];
    const added: string[] = [];
    for (const file of chosen) {
      // Empty or oversize: said at once, without sending megabytes the server would refuse (it checks again).
      const early = file.size === 0 || file.size > LIMITS.fileBytes ? checkContent(sanitiseFileName(file.name), file.size, "unknown") : null;
      if (early) {
        refused.push(early);
        continue;
      }
      setProgress({ name: file.name, loaded: 0, total: file.size });
      setStatus(`Envoi de «\u00a0${file.name}\u00a0» en cours.`);
      const outcome = await send(dossierId, file, (loaded, size) => setProgress({ name: file.name, loaded, total: size }));
      if (outcome.ok) {
        setFiles((list) => [...list, outcome.data]);
        added.push(outcome.data.fileName);
      } else refused.push(outcome.message);
    }
    setProgress(null);
    setErrors(refused);
    setStatus(added.length > 0 ? `${added.map((n) => `«\u00a0${n}\u00a0»`).join(", ")} ${added.length > 1 ? "ont été ajoutés" : "a été ajouté"}.` : "");
  };

  const remove = async (file: AttachmentDto) => {
    setErrors([]);
    const form = new FormData();
    form.set("dossierId", dossierId);
    form.set("attachmentId", file.id);
    try {
      const result = await removeAttachmentAction(null, form);
      if (result?.ok) {
        setFiles((list) => list.filter((f) => f.id !== file.id));
        setStatus(`«\u00a0${file.fileName}\u00a0» a été retiré.`);
        // The button is gone: the focus goes back to the file input.
        inputRef.current?.focus();
      } else setErrors([result?.message ?? "Le fichier n’a pas pu être retiré : réessayez."]);
    } catch {
      setErrors([`«\u00a0${file.fileName}\u00a0» n’a pas pu être retiré (connexion interrompue) : réessayez.`]);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <section className="fr-mb-4w" aria-labelledby="pieces-jointes-titre">
      <h3 id="pieces-jointes-titre" className="fr-h6">
        Pièces jointes
      </h3>
      <p id={limitsId} className="fr-text--sm">
        Facultatives : budget détaillé, délibération, lettre de soutien… Formats acceptés : {ACCEPTED_LABEL}. {formatBytes(LIMITS.fileBytes)} au plus par fichier,{" "}
        {formatBytes(LIMITS.dossierBytes)} et {LIMITS.filesPerDossier} fichiers au plus pour le dossier (déjà {formatBytes(total)}, {files.length} fichier
        {files.length > 1 ? "s" : ""}).
      </p>
      <Upload
        label="Ajouter des pièces jointes"
        hint="Le type de chaque fichier est vérifié d’après son contenu."
        multiple
        state={errors.length > 0 ? "error" : "default"}
        stateRelatedMessage={errors.length > 0 ? `${errors.length > 1 ? `${errors.length} fichiers ont été refusés` : "Un fichier a été refusé"} : voir le détail ci-dessous.` : undefined}
        nativeInputProps={{ ref: inputRef, accept: ACCEPT_ATTRIBUTE, onChange: (e) => void onChange(e), "aria-describedby": limitsId }}
      />
      {progress ? (
        <div className="fr-mt-2w">
          <label htmlFor={`${limitsId}-progress`} className="fr-label">
            Envoi de «&nbsp;{progress.name}&nbsp;» : {percent}&nbsp;%
          </label>
          <progress id={`${limitsId}-progress`} max={100} value={percent} style={{ width: "100%" }}>
            {percent}&nbsp;%
          </progress>
        </div>
      ) : null}
      <div role="alert" className="fr-mt-2w fr-mb-2w">
        {errors.length > 0 ? (
          <div className="fr-alert fr-alert--error fr-alert--sm">
            <ul className="fr-mb-0">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <p role="status" className="fr-sr-only">
        {status}
      </p>
      <AttachmentList dossierId={dossierId} files={files} onRemove={(f) => void remove(f)} busy={progress !== null} />
    </section>
  );
}

