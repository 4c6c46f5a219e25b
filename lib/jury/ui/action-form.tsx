"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useActionState, type ReactNode } from "react";
import type { ActionState } from "../jury.actions";

/** A native form posting to a server action (works without JavaScript), with its French result. */
export function ActionForm({
  action,
  hidden,
  children,
  success,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  children: ReactNode;
  success?: string;
}) {
  const [state, formAction, pendingState] = useActionState(action, null);
  return (
    <form action={formAction} aria-busy={pendingState}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      {state && !state.ok && (
        <Alert
          severity="error"
          small
          className="fr-mt-1w"
          description={[state.message, ...Object.values(state.fieldErrors ?? {}).flat()].join(" ")}
        />
      )}
      {state?.ok && success && <Alert severity="success" small className="fr-mt-1w" description={success} />}
    </form>
  );
}
