"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import { withdrawDossierAction, type FormState } from "../dossier.actions";

/** Works without JavaScript: a native form posting to the server action. */
export function WithdrawForm({ dossierId, title }: { dossierId: string; title: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(withdrawDossierAction, null);
  return (
    <details className="fr-mt-2w">
      <summary>Retirer le dossier « {title} »</summary>
      <form action={action} className="fr-mt-2w">
        {state ? <Alert severity="error" small description={state.message} className="fr-mb-2w" /> : null}
        <input type="hidden" name="dossierId" value={dossierId} />
        <Input label="Motif du retrait (facultatif)" textArea nativeTextAreaProps={{ name: "reason", maxLength: 1000, rows: 2, defaultValue: echoed(state, "reason") }} />
        <Button type="submit" priority="secondary" disabled={pending}>
          Confirmer le retrait
        </Button>
      </form>
    </details>
  );
}
