"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useActionState } from "react";
import { createDossierAction, type FormState } from "../dossier.actions";

export function NewDossierForm({ callSlug, callTitle, open, closedMessage }: { callSlug: string; callTitle: string; open: boolean; closedMessage: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createDossierAction, null);
  return (
    <>
      <h1>Déposer un dossier</h1>
      <p>
        Appel : <strong>{callTitle}</strong>
      </p>
      {state ? <Alert severity="error" small description={state.message} className="fr-mb-3w" /> : null}
      {open ? (
        <form action={action}>
          <input type="hidden" name="callSlug" value={callSlug} />
          <p>
            Le dossier est créé en brouillon pour votre administration. Il est enregistré automatiquement au fil de la saisie ; vous pourrez le reprendre à tout moment
            depuis « Mes dossiers ».
          </p>
          <Button type="submit" disabled={pending}>
            Créer le brouillon
          </Button>
        </form>
      ) : (
        <Alert severity="warning" small description={closedMessage ?? "Cet appel n’accepte pas de dépôt."} />
      )}
    </>
  );
}
