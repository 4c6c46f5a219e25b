"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useActionState } from "react";
import { publishResultsAction, type PublishState } from "../publication.actions";

/** A native form: publishing works without JavaScript too. */
export function PublishForm({ callId, slug, published, blocker }: { callId: string; slug: string; published: boolean; blocker: string | null }) {
  const [state, action, pending] = useActionState<PublishState, FormData>(publishResultsAction, null);
  if (state?.ok) {
    return (
      <Alert
        severity="success"
        title="Résultats publiés"
        description={
          <>
            {state.data.laureates} lauréats publiés ; {state.data.mails} e-mails de décision envoyés.{" "}
            <a href={`/appels/${state.data.slug}/resultats`}>Voir la page publique des résultats</a>
          </>
        }
      />
    );
  }
  if (published) {
    return (
      <p>
        <a href={`/appels/${slug}/resultats`}>Voir la page publique des résultats</a>
      </p>
    );
  }
  const error = state && !state.ok ? state : null;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="callId" value={callId} />
      {error ? <Alert severity="error" title="Publication refusée" description={error.message} className="fr-mb-3w" /> : null}
      {blocker ? <Alert severity="warning" small description={blocker} className="fr-mb-3w" /> : null}
      <Checkbox
        state={error?.fieldErrors?.confirm ? "error" : "default"}
        stateRelatedMessage={error?.fieldErrors?.confirm?.[0]}
        options={[
          {
            label: "J’ai relu l’aperçu ci-dessous et je publie ces résultats",
            hintText: "La page publique, le flux Atom et les données ouvertes paraissent ensemble, et chaque administration reçoit l’e-mail de sa décision. Cette action est définitive.",
            nativeInputProps: { name: "confirm", value: "on" },
          },
        ]}
      />
      <Button type="submit" disabled={pending || blocker !== null} iconId="fr-icon-send-plane-line">
        Publier les résultats
      </Button>
    </form>
  );
}
