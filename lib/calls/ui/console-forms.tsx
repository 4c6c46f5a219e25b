"use client";
/** Short forms of the call console: native forms with useActionState, usable without JavaScript. */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useActionState, useId } from "react";
import { echoed, echoedChecked } from "@/lib/server/form-echo";
import { addTeamMemberAction, duplicateCallAction, removeQuestionAction, removeTeamMemberAction, transitionCallAction, type FormState } from "../call.actions";

function Outcome({ state }: { state: FormState }) {
  if (!state) return null;
  if (state.ok) return <Alert severity="success" small description={state.message} className="fr-mb-2w" />;
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
      <p>{state.message}</p>
      {state.fieldErrors && Object.values(state.fieldErrors).flat().some((m) => m !== state.message) ? (
        <ul>
          {[...new Set(Object.values(state.fieldErrors).flat())]
            .filter((m) => m !== state.message)
            .map((m) => (
              <li key={m}>{m}</li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

export function TransitionForm({ callId, to, label, confirmation, reopen }: { callId: string; to: string; label: string; confirmation: string; reopen: boolean }) {
  const [state, action, pending] = useActionState(transitionCallAction, null);
  const id = useId();
  const error = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="fr-mb-3w" aria-label={label}>
      <Outcome state={state} />
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="to" value={to} />
      {reopen ? (
        <Input
          label="Nouvelle date de clôture"
          hintText="Heure de Paris ; postérieure à l’ancienne date et dans le futur."
          state={error?.newClosesAt ? "error" : "default"}
          stateRelatedMessage={error?.newClosesAt?.join(" ")}
          nativeInputProps={{ name: "newClosesAt", type: "datetime-local", id: `${id}-date`, required: true, defaultValue: echoed(state, "newClosesAt") }}
        />
      ) : null}
      <Checkbox id={`${id}-confirm`} options={[{ label: `Je confirme : ${confirmation}`, nativeInputProps: { name: "confirm", value: "on", required: true, defaultChecked: echoedChecked(state, "confirm") } }]} />
      <Button type="submit" disabled={pending} priority={reopen ? "secondary" : "primary"}>
        {label}
      </Button>
    </form>
  );
}

export function DuplicateForm({ callId, title }: { callId: string; title: string }) {
  const [state, action, pending] = useActionState(duplicateCallAction, null);
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} aria-label="Dupliquer l’appel">
      <Outcome state={state} />
      <input type="hidden" name="callId" value={callId} />
      <Input
        label="Titre du nouvel appel"
        state={err.title ? "error" : "default"}
        stateRelatedMessage={err.title?.join(" ")}
        nativeInputProps={{ name: "title", defaultValue: echoed(state, "title", `${title} (copie)`), maxLength: 200, id: "dupliquer-titre" }}
      />
      <Input
        label="Adresse du nouvel appel"
        hintText="Minuscules non accentuées, chiffres et tirets."
        state={err.slug ? "error" : "default"}
        stateRelatedMessage={err.slug?.join(" ")}
        nativeInputProps={{ name: "slug", maxLength: 80, id: "dupliquer-adresse", defaultValue: echoed(state, "slug") }}
      />
      <RadioButtons
        id="dupliquer-type"
        legend="Type du nouvel appel"
        state={err.kind ? "error" : "default"}
        stateRelatedMessage={err.kind?.join(" ")}
        options={[
          { label: "Appel à projets", nativeInputProps: { name: "kind", value: "CALL", defaultChecked: echoedChecked(state, "kind", "CALL", true) } },
          { label: "Guichet en continu", nativeInputProps: { name: "kind", value: "ROLLING", defaultChecked: echoedChecked(state, "kind", "ROLLING", false) } },
        ]}
      />
      <Button type="submit" priority="secondary" disabled={pending}>
        Dupliquer l’appel
      </Button>
    </form>
  );
}

export function RemoveQuestionButton({ callId, questionId, label }: { callId: string; questionId: string; label: string }) {
  const [state, action, pending] = useActionState(removeQuestionAction, null);
  return (
    <form action={action}>
      <Outcome state={state && !state.ok ? state : null} />
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="questionId" value={questionId} />
      <Button type="submit" priority="tertiary" size="small" iconId="fr-icon-delete-line" disabled={pending}>
        Retirer la question « {label} »
      </Button>
    </form>
  );
}

export function TeamAddForm({ callId }: { callId: string }) {
  const [state, action, pending] = useActionState(addTeamMemberAction, null);
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} aria-label="Ajouter une personne">
      <Outcome state={state} />
      <input type="hidden" name="callId" value={callId} />
      <Input
        label="Adresse électronique du compte"
        hintText="Le compte doit exister ; un agent d’une administration candidate ne peut pas être ajouté."
        state={err.email ? "error" : "default"}
        stateRelatedMessage={err.email?.join(" ")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "off", id: "equipe-email", maxLength: 254, defaultValue: echoed(state, "email") }}
      />
      <Select label="Rôle" nativeSelectProps={{ name: "role", id: "equipe-role", defaultValue: echoed(state, "role", "STAFF") }} state={err.role ? "error" : "default"} stateRelatedMessage={err.role?.join(" ")}>
        <option value="STAFF">Équipe du programme</option>
        <option value="JURY">Membre du jury</option>
        <option value="JURY_CHAIR">Présidence du jury</option>
      </Select>
      <Button type="submit" disabled={pending}>
        Ajouter
      </Button>
    </form>
  );
}

export function TeamRemoveButton({ callId, userId, role, name }: { callId: string; userId: string; role: "STAFF" | "JURY"; name: string }) {
  const [state, action, pending] = useActionState(removeTeamMemberAction, null);
  return (
    <form action={action}>
      <Outcome state={state && !state.ok ? state : null} />
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <Button type="submit" priority="tertiary" size="small" disabled={pending}>
        Retirer {name}
      </Button>
    </form>
  );
}
