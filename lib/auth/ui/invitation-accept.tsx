"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useActionState } from "react";
import { acceptInvitationAction, type InvitationState } from "../invitation.actions";

/**
 * The link opens this confirmation rather than accepting on GET: mail
 * scanners that prefetch links would otherwise use the invitation.
 */
export function InvitationAcceptForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<InvitationState, FormData>(acceptInvitationAction, null);
  return (
    <form action={action}>
      {state && !state.ok ? <Alert severity="error" small description={state.message} className="fr-mb-3w" /> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>
        Accepter l’invitation
      </Button>
    </form>
  );
}
