"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import type { Result } from "@/lib/server/result";
import { formatParisDateTime } from "@/lib/time";
import { answerCorrectionAction } from "../dossier.actions";

type Correction = { message: string; dueAt: string; answer: string | null; answeredAt: string | null };

/** Staff's request, and the applicant's answer (a native form); re-submitting is done from the review step. */
export function CorrectionNotice({ dossierId, correction }: { dossierId: string; correction: Correction }) {
  const [state, action, pending] = useActionState<Result<{ answeredAt: string }> | null, FormData>(answerCorrectionAction, null);
  const error = state && !state.ok ? state : null;
  return (
    <section aria-labelledby="demande-correction" className="fr-mb-4w">
      <Alert
        severity="warning"
        title={<span id="demande-correction">L’équipe du programme demande une correction</span>}
        description={
          <>
            <span style={{ whiteSpace: "pre-line" }} data-testid="correction-message">{correction.message}</span>
            <br />
            <strong>À faire avant le {formatParisDateTime(new Date(correction.dueAt))}</strong> (heure de Paris). Corrigez les étapes concernées, puis
            déposez à nouveau le dossier depuis l’étape « Vérification et dépôt ».
          </>
        }
        className="fr-mb-2w"
      />
      {correction.answer ? (
        <p data-testid="correction-answer">
          Votre réponse ({correction.answeredAt ? formatParisDateTime(new Date(correction.answeredAt)) : ""}) : {correction.answer}
        </p>
      ) : null}
      <form action={action} noValidate aria-label="Répondre à l’équipe du programme">
        {error ? <Alert severity="error" small description={error.message} className="fr-mb-2w" /> : null}
        {state?.ok ? <p className="fr-message fr-message--valid" role="status">Réponse envoyée à l’équipe du programme.</p> : null}
        <input type="hidden" name="dossierId" value={dossierId} />
        <Input
          label={correction.answer ? "Modifier votre réponse à l’équipe du programme" : "Votre réponse à l’équipe du programme"}
          hintText="Expliquez ce que vous avez corrigé ou ajouté."
          textArea
          state={error?.fieldErrors?.answer ? "error" : "default"}
          stateRelatedMessage={error?.fieldErrors?.answer?.[0]}
          nativeTextAreaProps={{ name: "answer", maxLength: 4000, rows: 3, defaultValue: echoed(state, "answer") }}
        />
        <Button type="submit" priority="secondary" disabled={pending}>
          Envoyer la réponse
        </Button>
      </form>
    </section>
  );
}
