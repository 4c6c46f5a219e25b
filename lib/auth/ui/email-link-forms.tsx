"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import {
  consumeMagicLinkAction,
  requestMagicLinkAction,
  requestPasswordResetAction,
  resetPasswordAction,
  type LinkState,
} from "../email-link.actions";

function StateAlert({ state }: { state: LinkState }) {
  if (!state) return null;
  return state.ok ? (
    <Alert severity="success" small description={state.data.message} className="fr-mb-3w" />
  ) : state.fieldErrors ? null : (
    <Alert severity="error" small description={state.message} className="fr-mb-3w" />
  );
}

/** Asks for an e-mail link; `purpose` picks the action. Works without JavaScript. */
export function EmailLinkRequestForm({ purpose }: { purpose: "magic-link" | "password-reset" }) {
  const [state, action, pending] = useActionState<LinkState, FormData>(
    purpose === "magic-link" ? requestMagicLinkAction : requestPasswordResetAction,
    null,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate>
      <StateAlert state={state} />
      <Input
        label="Adresse électronique"
        hintText="Format attendu : prenom.nom@example.gouv.fr"
        state={errors.email ? "error" : "default"}
        stateRelatedMessage={errors.email?.join(" ")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "email", required: true, defaultValue: echoed(state, "email") }}
      />
      <Button type="submit" disabled={pending}>
        {purpose === "magic-link" ? "Recevoir un lien de connexion" : "Recevoir un lien de réinitialisation"}
      </Button>
    </form>
  );
}

/**
 * The link opens this confirmation instead of signing in on GET: mail
 * scanners that prefetch links would otherwise burn the one-time token.
 */
export function MagicLinkConfirmForm({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const [state, action, pending] = useActionState<LinkState, FormData>(consumeMagicLinkAction, null);
  return (
    <form action={action}>
      <StateAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Button type="submit" disabled={pending}>
        Me connecter
      </Button>
    </form>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<LinkState, FormData>(resetPasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate>
      <StateAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <Input
        label="Nouveau mot de passe"
        hintText="Au moins 12 caractères. Une phrase de plusieurs mots est à la fois sûre et facile à retenir."
        state={errors.password ? "error" : "default"}
        stateRelatedMessage={errors.password?.join(" ")}
        nativeInputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true, minLength: 12 }}
      />
      <Input
        label="Confirmation du nouveau mot de passe"
        state={errors.confirmation ? "error" : "default"}
        stateRelatedMessage={errors.confirmation?.join(" ")}
        nativeInputProps={{ name: "confirmation", type: "password", autoComplete: "new-password", required: true }}
      />
      <Button type="submit" disabled={pending}>
        Enregistrer le mot de passe
      </Button>
    </form>
  );
}
