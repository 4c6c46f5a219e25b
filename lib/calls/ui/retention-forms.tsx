"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import { archiveCallAction, setRetentionPeriodAction, type ArchiveState, type RetentionPeriodState } from "../retention.actions";

/** Native forms: both work without JavaScript. */
export function RetentionPeriodForm({ callId, version, months, disabled }: { callId: string; version: number; months: number; disabled: boolean }) {
  const [state, action, pending] = useActionState<RetentionPeriodState, FormData>(setRetentionPeriodAction, null);
  const error = state && !state.ok ? state : null;
  return (
    <form action={action} noValidate className="fr-mb-4w">
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="version" value={state?.ok ? state.data.version : version} />
      {error && !error.fieldErrors?.months ? <Alert severity="error" small description={error.message} className="fr-mb-2w" /> : null}
      {state?.ok ? <Alert severity="success" small description={`Durée de conservation enregistrée : ${state.data.months} mois.`} className="fr-mb-2w" /> : null}
      <Input
        label="Durée de conservation après la publication des résultats (en mois)"
        hintText="Entre 1 et 120 mois. À l’échéance, l’appel est archivé automatiquement."
        state={error?.fieldErrors?.months ? "error" : "default"}
        stateRelatedMessage={error?.fieldErrors?.months?.[0]}
        disabled={disabled}
        nativeInputProps={{ name: "months", type: "number", inputMode: "numeric", min: 1, max: 120, step: 1, defaultValue: echoed(state, "months", String(months)), required: true }}
      />
      <Button type="submit" priority="secondary" disabled={pending || disabled}>
        Enregistrer la durée
      </Button>
    </form>
  );
}

export function ArchiveForm({ callId, digest, due, blocker }: { callId: string; digest: string; due: boolean; blocker: string | null }) {
  const [state, action, pending] = useActionState<ArchiveState, FormData>(archiveCallAction, null);
  if (state?.ok) {
    return (
      <Alert
        severity="success"
        title="Appel archivé"
        description={`${state.data.deleted} ligne(s) supprimée(s), ${state.data.anonymised} ligne(s) anonymisée(s). Les résultats publics et le procès-verbal scellé sont conservés.`}
      />
    );
  }
  const error = state && !state.ok ? state : null;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="digest" value={digest} />
      {error ? <Alert severity="error" title="Archivage refusé" description={error.message} className="fr-mb-3w" /> : null}
      {blocker ? <Alert severity="info" small description={blocker} className="fr-mb-3w" /> : null}
      {!due && !blocker ? (
        <Checkbox
          options={[
            {
              label: "Archiver avant l’échéance",
              hintText: "La durée de conservation n’est pas écoulée : cochez pour archiver dès maintenant.",
              nativeInputProps: { name: "forced", value: "on" },
            },
          ]}
        />
      ) : null}
      <Checkbox
        state={error?.fieldErrors?.confirm ? "error" : "default"}
        stateRelatedMessage={error?.fieldErrors?.confirm?.[0]}
        options={[
          {
            label: "J’ai relu la liste ci-dessus et j’archive cet appel",
            hintText: "Les lignes listées sont supprimées ou anonymisées définitivement ; l’appel passe en phase « Archivé ».",
            nativeInputProps: { name: "confirm", value: "on", disabled: blocker !== null },
          },
        ]}
      />
      <Button type="submit" disabled={pending || blocker !== null} iconId="fr-icon-archive-line">
        Archiver l’appel
      </Button>
    </form>
  );
}
