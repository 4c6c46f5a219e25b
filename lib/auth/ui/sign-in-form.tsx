"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import { signInWithPassword, type SignInState } from "../sign-in.actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} noValidate>
      {state ? <Alert severity="error" small description={state.message} className="fr-mb-3w" /> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Input
        label="Adresse électronique"
        hintText="Format attendu : prenom.nom@example.gouv.fr"
        state={errors.email ? "error" : "default"}
        stateRelatedMessage={errors.email?.join(" ")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "email", required: true, defaultValue: echoed(state, "email") }}
      />
      <Input
        label="Mot de passe"
        state={errors.password ? "error" : "default"}
        stateRelatedMessage={errors.password?.join(" ")}
        nativeInputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
      />
      <Button type="submit" disabled={pending}>
        Se connecter
      </Button>
    </form>
  );
}
