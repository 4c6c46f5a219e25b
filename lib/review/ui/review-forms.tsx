"use client";
/**
 * Staff review forms: native forms posting to server actions (they work
 * without JavaScript). With JavaScript, the values typed stay in place after a
 * refusal (React would otherwise reset the form) and are cleared on success;
 * without (or before hydration), the refusal echoes them back as the fields'
 * defaults.
 */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/SelectNext";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { echoed, echoedChecked } from "@/lib/server/form-echo";
import type { Err, Result } from "@/lib/server/result";
import {
  addAnnotationAction,
  bulkActionAction,
  createTagAction,
  decideAction,
  releaseDecisionsAction,
  requestCorrectionAction,
  setAssigneesAction,
  setTagsAction,
  tickEligibilityAction,
} from "../review.actions";
import { TAG_COLOURS, TAG_COLOUR_LABEL, type PreselectionKind } from "../review.schema";

type State = Result<unknown> | null;

export function useNativeForm<S extends State>(action: (prev: S, form: FormData) => Promise<S>, { resetOnSuccess = true } = {}) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, null as Awaited<S>);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    // The clicked button's name and value, as a native submission sends them.
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name) data.set(submitter.name, submitter.value);
    startTransition(() => formAction(data));
  };
  const error = state && !state.ok ? (state as Err & { current?: { version: number } | null }) : null;
  const fieldError = (name: string) => error?.fieldErrors?.[name]?.[0];
  const fieldState = (name: string) => (fieldError(name) ? ("error" as const) : ("default" as const));
  // What a refused submission held, for the fields' defaults: when the server
  // renders the page again (the form was posted before the scripts ran), the
  // fields keep what was typed. Undefined otherwise: the caller's default applies.
  const value = (name: string) => echoed(state, name);
  const checked = (name: string, v = "on") => echoedChecked(state, name, v);
  return { state, pending, error, fieldError, fieldState, value, checked, formProps: { ref, action: formAction, onSubmit, noValidate: true } };
}

export function Failure({ error }: { error: { message: string } | null }) {
  return error ? <Alert severity="error" small description={error.message} className="fr-mb-2w" /> : null;
}

export function Success({ state, message }: { state: State; message: string }) {
  return state?.ok ? (
    <p className="fr-message fr-message--valid fr-mb-2w" role="status">
      {message}
    </p>
  ) : null;
}

export function AnnotationForm({ dossierId }: { dossierId: string }) {
  const f = useNativeForm(addAnnotationAction);
  return (
    <form {...f.formProps} aria-label="Ajouter une annotation">
      <Failure error={f.error} />
      <Success state={f.state} message="Annotation enregistrée." />
      <input type="hidden" name="dossierId" value={dossierId} />
      <Input
        label="Annotation privée"
        hintText="Visible de l’équipe du programme uniquement, jamais de l’administration candidate."
        textArea
        state={f.fieldState("body")}
        stateRelatedMessage={f.fieldError("body")}
        nativeTextAreaProps={{ name: "body", maxLength: 4000, rows: 3, required: true, defaultValue: f.value("body") }}
      />
      <Button type="submit" priority="secondary" disabled={f.pending}>
        Ajouter l’annotation
      </Button>
    </form>
  );
}

export function CorrectionForm({ dossierId, minDate }: { dossierId: string; minDate: string }) {
  const f = useNativeForm(requestCorrectionAction);
  return (
    <form {...f.formProps} aria-label="Demander une correction">
      <Failure error={f.error} />
      <Success state={f.state} message="Correction demandée : l’administration est prévenue par e-mail." />
      <input type="hidden" name="dossierId" value={dossierId} />
      <Input
        label="Message à l’administration"
        hintText="Ce qu’il faut corriger ou la pièce manquante. L’administration reçoit ce message par e-mail."
        textArea
        state={f.fieldState("message")}
        stateRelatedMessage={f.fieldError("message")}
        nativeTextAreaProps={{ name: "message", maxLength: 2000, rows: 3, required: true, defaultValue: f.value("message") }}
      />
      <Input
        label="À corriger avant le"
        hintText="Jusqu’à 23 h 59, heure de Paris."
        state={f.fieldState("dueDate")}
        stateRelatedMessage={f.fieldError("dueDate")}
        nativeInputProps={{ name: "dueDate", type: "date", min: minDate, required: true, defaultValue: f.value("dueDate") }}
      />
      <Button type="submit" disabled={f.pending}>
        Demander la correction
      </Button>
    </form>
  );
}

const DECISION_OPTIONS: { value: PreselectionKind; label: string }[] = [
  { value: "PRESELECTED", label: "Présélectionné pour l’audition" },
  { value: "NOT_PRESELECTED", label: "Non présélectionné" },
];

export function DecisionForm({
  callId,
  dossierId,
  current,
}: {
  callId: string;
  dossierId: string;
  current: { decision: PreselectionKind; reason: string; version: number } | null;
}) {
  const f = useNativeForm(decideAction, { resetOnSuccess: false });
  const conflict = f.error && f.error.code === "CONFLICT" && "current" in f.error ? f.error : null;
  // After a save or a conflict, the next submission is based on what the server holds now.
  const version = f.state?.ok ? (f.state.data as { version: number }).version : conflict ? (conflict.current?.version ?? 0) : (current?.version ?? 0);
  return (
    <form {...f.formProps} aria-label="Décision de présélection" key={current?.version ?? 0}>
      {conflict ? (
        <Alert severity="warning" title="Décision modifiée entre-temps" description={conflict.message} className="fr-mb-2w" />
      ) : (
        <Failure error={f.error} />
      )}
      <Success state={f.state} message="Décision enregistrée. Elle reste invisible pour l’administration jusqu’à la publication des décisions." />
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="dossierId" value={dossierId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <RadioButtons
        legend="Décision"
        name="decision"
        state={f.fieldState("decision")}
        stateRelatedMessage={f.fieldError("decision")}
        options={DECISION_OPTIONS.map((o) => ({ label: o.label, nativeInputProps: { value: o.value, defaultChecked: f.checked("decision", o.value) ?? current?.decision === o.value } }))}
      />
      <Input
        label="Motif"
        hintText="Communiqué à l’administration quand les décisions sont publiées."
        textArea
        state={f.fieldState("reason")}
        stateRelatedMessage={f.fieldError("reason")}
        nativeTextAreaProps={{ name: "reason", maxLength: 2000, rows: 3, defaultValue: f.value("reason") ?? current?.reason ?? "" }}
      />
      <Button type="submit" disabled={f.pending}>
        Enregistrer la décision
      </Button>
    </form>
  );
}

export function AssigneesForm({ dossierId, staff, assignees }: { dossierId: string; staff: { id: string; name: string }[]; assignees: string[] }) {
  const f = useNativeForm(setAssigneesAction, { resetOnSuccess: false });
  return (
    <form {...f.formProps} aria-label="Instructeurs désignés">
      <Failure error={f.error} />
      <Success state={f.state} message="Instructeurs enregistrés." />
      <input type="hidden" name="dossierId" value={dossierId} />
      <Checkbox
        legend="Instructeurs désignés"
        small
        state={f.fieldState("userIds")}
        stateRelatedMessage={f.fieldError("userIds")}
        options={staff.map((s) => ({ label: s.name, nativeInputProps: { name: "userIds", value: s.id, defaultChecked: f.checked("userIds", s.id) ?? assignees.includes(s.id) } }))}
      />
      <Button type="submit" priority="secondary" size="small" disabled={f.pending}>
        Enregistrer les instructeurs
      </Button>
    </form>
  );
}

export function TagsForm({ dossierId, callTags, selected }: { dossierId: string; callTags: { id: string; label: string }[]; selected: string[] }) {
  const f = useNativeForm(setTagsAction, { resetOnSuccess: false });
  if (callTags.length === 0) return <p className="fr-text--sm">Aucune étiquette pour cet appel : créez-en une ci-dessous.</p>;
  return (
    <form {...f.formProps} aria-label="Étiquettes du dossier">
      <Failure error={f.error} />
      <Success state={f.state} message="Étiquettes enregistrées." />
      <input type="hidden" name="dossierId" value={dossierId} />
      <Checkbox
        legend="Étiquettes"
        small
        orientation="horizontal"
        options={callTags.map((t) => ({ label: t.label, nativeInputProps: { name: "tagIds", value: t.id, defaultChecked: f.checked("tagIds", t.id) ?? selected.includes(t.id) } }))}
      />
      <Button type="submit" priority="secondary" size="small" disabled={f.pending}>
        Enregistrer les étiquettes
      </Button>
    </form>
  );
}

export function CreateTagForm({ callId }: { callId: string }) {
  const f = useNativeForm(createTagAction);
  return (
    <form {...f.formProps} aria-label="Créer une étiquette">
      <Failure error={f.error} />
      <Success state={f.state} message="Étiquette créée." />
      <input type="hidden" name="callId" value={callId} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Nouvelle étiquette" state={f.fieldState("label")} stateRelatedMessage={f.fieldError("label")} nativeInputProps={{ name: "label", maxLength: 40, defaultValue: f.value("label") }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Couleur"
            state={f.fieldState("colour")}
            stateRelatedMessage={f.fieldError("colour")}
            nativeSelectProps={{ name: "colour", defaultValue: f.value("colour") ?? TAG_COLOURS[0] }}
            options={TAG_COLOURS.map((c) => ({ value: c, label: TAG_COLOUR_LABEL[c] }))}
          />
        </div>
      </div>
      <Button type="submit" priority="tertiary" size="small" disabled={f.pending}>
        Créer l’étiquette
      </Button>
    </form>
  );
}

export function EligibilityTickForm({ dossierId, itemKey, label, met }: { dossierId: string; itemKey: string; label: string; met: boolean | null }) {
  const f = useNativeForm(tickEligibilityAction, { resetOnSuccess: false });
  return (
    <form {...f.formProps} aria-label={`Critère : ${label}`} className="fr-mb-1w">
      <Failure error={f.error} />
      <input type="hidden" name="dossierId" value={dossierId} />
      <input type="hidden" name="itemKey" value={itemKey} />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li>
          <Button type="submit" size="small" priority={met === true ? "primary" : "secondary"} value="yes" nativeButtonProps={{ name: "met", "aria-pressed": met === true }} disabled={f.pending}>
            Rempli<span className="fr-sr-only"> : {label}</span>
          </Button>
        </li>
        <li>
          <Button type="submit" size="small" priority={met === false ? "primary" : "secondary"} value="no" nativeButtonProps={{ name: "met", "aria-pressed": met === false }} disabled={f.pending}>
            Non rempli<span className="fr-sr-only"> : {label}</span>
          </Button>
        </li>
      </ul>
    </form>
  );
}

export function ReleaseForm({ callId, pending: waiting }: { callId: string; pending: number }) {
  const f = useNativeForm(releaseDecisionsAction);
  const done = f.state?.ok ? (f.state.data as { released: number; held: number; mails: number }) : null;
  return (
    <form {...f.formProps} aria-label="Publier les décisions de présélection">
      <Failure error={f.error} />
      {done ? (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={`${done.released} décision${done.released > 1 ? "s" : ""} publiée${done.released > 1 ? "s" : ""} ; ${done.mails} e-mail${done.mails > 1 ? "s" : ""} envoyé${done.mails > 1 ? "s" : ""}${done.held ? ` ; ${done.held} en attente d’une correction` : ""}.`}
        />
      ) : null}
      <input type="hidden" name="callId" value={callId} />
      <Checkbox
        state={f.fieldState("confirm")}
        stateRelatedMessage={f.fieldError("confirm")}
        options={[
          {
            label: `Je publie les ${waiting} décision${waiting > 1 ? "s" : ""} de présélection en attente`,
            hintText: "Chaque administration voit alors la décision et son motif, et reçoit un e-mail.",
            nativeInputProps: { name: "confirm", value: "on", defaultChecked: f.checked("confirm") },
          },
        ]}
      />
      <Button type="submit" disabled={f.pending || waiting === 0} iconId="fr-icon-send-plane-line">
        Publier les décisions
      </Button>
    </form>
  );
}

/**
 * Bulk actions on the rows ticked in the inbox table (their checkboxes point
 * at this form with `form="bulk-form"`). « Vérifier » counts the dossiers that
 * would change; « Confirmer » applies, only if nothing changed meanwhile.
 */
export function BulkForm({ callId, staff, tags }: { callId: string; staff: { id: string; name: string }[]; tags: { id: string; label: string }[] }) {
  const f = useNativeForm(bulkActionAction, { resetOnSuccess: false });
  const preview = f.state?.ok && (f.state.data as { intent: string }).intent === "preview" ? (f.state.data as { selected: number; changes: number; token: string }) : null;
  const done = f.state?.ok && (f.state.data as { intent: string }).intent === "confirm" ? (f.state.data as { selected: number; changed: number }) : null;
  return (
    <form id="bulk-form" {...f.formProps} aria-label="Action groupée sur la sélection" className="fr-mb-3w">
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Action groupée sur les dossiers cochés</legend>
        <div className="fr-fieldset__element">
          <Failure error={f.error} />
          {done ? (
            <Alert severity="success" small className="fr-mb-2w" description={`${done.changed} dossier${done.changed > 1 ? "s" : ""} modifié${done.changed > 1 ? "s" : ""} sur ${done.selected} sélectionné${done.selected > 1 ? "s" : ""}.`} />
          ) : null}
          <input type="hidden" name="callId" value={callId} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Action"
                state={f.fieldState("action")}
                stateRelatedMessage={f.fieldError("action")}
                nativeSelectProps={{ name: "action", defaultValue: f.value("action") ?? "decide" }}
                options={[
                  { value: "decide", label: "Décider (présélection)" },
                  { value: "assign", label: "Désigner un instructeur" },
                  { value: "tag", label: "Ajouter une étiquette" },
                ]}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Décision"
                hint="Pour « Décider »"
                state={f.fieldState("decision")}
                stateRelatedMessage={f.fieldError("decision")}
                nativeSelectProps={{ name: "decision", defaultValue: f.value("decision") ?? "" }}
                options={[{ value: "", label: "—" }, ...DECISION_OPTIONS]}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Instructeur"
                hint="Pour « Désigner »"
                state={f.fieldState("assigneeId")}
                stateRelatedMessage={f.fieldError("assigneeId")}
                nativeSelectProps={{ name: "assigneeId", defaultValue: f.value("assigneeId") ?? "" }}
                options={[{ value: "", label: "—" }, ...staff.map((s) => ({ value: s.id, label: s.name }))]}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Étiquette"
                hint="Pour « Ajouter une étiquette »"
                state={f.fieldState("tagId")}
                stateRelatedMessage={f.fieldError("tagId")}
                nativeSelectProps={{ name: "tagId", defaultValue: f.value("tagId") ?? "" }}
                options={[{ value: "", label: "—" }, ...tags.map((t) => ({ value: t.id, label: t.label }))]}
              />
            </div>
          </div>
          <Input
            label="Motif de la décision"
            hintText="Pour « Décider » : communiqué aux administrations à la publication."
            state={f.fieldState("reason")}
            stateRelatedMessage={f.fieldError("reason")}
            nativeInputProps={{ name: "reason", maxLength: 2000, defaultValue: f.value("reason") }}
          />
          {f.fieldError("dossierIds") ? <p className="fr-error-text">{f.fieldError("dossierIds")}</p> : null}
          {preview ? (
            <Alert
              severity="info"
              small
              className="fr-mb-2w"
              description={`${preview.changes} dossier${preview.changes > 1 ? "s" : ""} sur ${preview.selected} sélectionné${preview.selected > 1 ? "s" : ""} ${preview.changes > 1 ? "vont changer" : "va changer"}. Confirmez pour appliquer.`}
            />
          ) : null}
          {preview ? <input type="hidden" name="token" value={preview.token} /> : null}
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button type="submit" priority={preview ? "secondary" : "primary"} value="preview" nativeButtonProps={{ name: "intent" }} disabled={f.pending}>
                Vérifier la sélection
              </Button>
            </li>
            {preview ? (
              <li>
                <Button type="submit" value="confirm" nativeButtonProps={{ name: "intent" }} disabled={f.pending || preview.changes === 0}>
                  {`Confirmer (${preview.changes} dossier${preview.changes > 1 ? "s" : ""})`}
                </Button>
              </li>
            ) : null}
          </ul>
        </div>
      </fieldset>
    </form>
  );
}
