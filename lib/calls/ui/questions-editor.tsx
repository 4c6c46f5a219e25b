"use client";
import { useHydrated } from "@/components/form/use-hydrated";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { ErrorSummary, FormEuroInput, FormInput, FormIntegerInput, FormSelect, FormTextarea, flattenErrors } from "@/components/form/fields";
import { addQuestionAction } from "../call.actions";
import { QUESTION_TYPE_LABEL, QUESTION_TYPES, questionInput, type QuestionDefinition } from "../question-definition";
import { questionHint } from "./question-fields";
import { RemoveQuestionButton } from "./console-forms";

type Props = { callId: string; title: string; questions: (QuestionDefinition & { id: string })[]; formLocked: boolean };

export function QuestionsEditor({ callId, title, questions, formLocked }: Props) {
  return (
    <>
      <h1>Questions du formulaire</h1>
      <p>
        Appel : {title}. Ces questions s’ajoutent aux étapes communes du dossier, dans une étape « Questions propres à l’appel ».
      </p>
      {formLocked ? (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description="Des dossiers ont déjà été déposés : les questions existantes ne peuvent plus être modifiées ni retirées ; seules des questions facultatives peuvent être ajoutées."
        />
      ) : null}
      <h2>Questions ({questions.length})</h2>
      {questions.length === 0 ? <p>Aucune question propre à l’appel pour l’instant.</p> : null}
      <ol>
        {questions.map((q) => (
          <li key={q.id} className="fr-mb-2w">
            <strong>{q.label}</strong> — {QUESTION_TYPE_LABEL[q.type]}, {q.required ? "obligatoire" : "facultative"}
            {q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE" ? ` (options : ${(q.config.options ?? []).join(", ")})` : ""}
            {questionHint(q) ? <p className="fr-hint-text fr-mb-0">{questionHint(q)}</p> : null}
            {!formLocked ? <RemoveQuestionButton callId={callId} questionId={q.id} label={q.label} /> : null}
          </li>
        ))}
      </ol>
      <h2>Ajouter une question</h2>
      <AddQuestionForm callId={callId} formLocked={formLocked} />
    </>
  );
}

const EMPTY = { type: "", label: "", helpText: "", required: false, maxLength: null, min: null, max: null, minDate: "", maxDate: "", options: "" };

function AddQuestionForm({ callId, formLocked }: { callId: string; formLocked: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const form = useForm<FieldValues>({
    resolver: zodResolver(questionInput as never) as unknown as Resolver<FieldValues>,
    defaultValues: EMPTY,
    shouldFocusError: true,
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const type = useWatch({ control: form.control, name: "type" }) as string;
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const r = await addQuestionAction({ callId, question: form.getValues() });
    if (r.ok) {
      form.reset(EMPTY);
      setMessage({ ok: true, text: "Question ajoutée." });
      router.refresh();
      return;
    }
    const entries = Object.entries(r.fieldErrors ?? {});
    for (const [name, messages] of entries) form.setError(name, { type: "server", message: messages.join(" ") });
    if (entries.length === 0) setMessage({ ok: false, text: r.message });
  });
  const errors = form.formState.isSubmitted ? flattenErrors(form.formState.errors) : [];
  const requiredError = (form.formState.errors.required?.message as string | undefined) ?? undefined;
  return (
    <FormProvider {...form}>
      {message ? <Alert severity={message.ok ? "success" : "error"} small description={message.text} className="fr-mb-2w" /> : null}
      <ErrorSummary errors={errors} titleId="erreurs-question" />
      <form noValidate onSubmit={onSubmit} aria-label="Ajouter une question">
        <FormSelect name="type" label="Type de question" options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABEL[t] }))} placeholder="Choisissez un type" />
        <FormInput name="label" label="Intitulé" hint="La question telle que l’administration la lira, 300 caractères au maximum." maxLength={300} />
        <FormTextarea name="helpText" label="Texte d’aide (facultatif)" maxLength={1000} rows={2} />
        <Checkbox
          id="champ-required"
          state={requiredError ? "error" : "default"}
          stateRelatedMessage={requiredError}
          options={[
            {
              label: formLocked ? "Réponse obligatoire (impossible : des dossiers ont déjà été déposés)" : "Réponse obligatoire",
              nativeInputProps: { ...form.register("required"), disabled: formLocked },
            },
          ]}
        />
        {type === "SHORT_TEXT" || type === "LONG_TEXT" ? <FormIntegerInput name="maxLength" label="Longueur maximale (caractères, facultative)" hint={type === "SHORT_TEXT" ? "500 au plus ; 200 par défaut." : "10 000 au plus ; 4 000 par défaut."} /> : null}
        {type === "NUMBER" ? (
          <>
            <FormIntegerInput name="min" label="Minimum (facultatif)" />
            <FormIntegerInput name="max" label="Maximum (facultatif)" />
          </>
        ) : null}
        {type === "AMOUNT" ? (
          <>
            <FormEuroInput name="min" label="Montant minimal (€, facultatif)" />
            <FormEuroInput name="max" label="Montant maximal (€, facultatif)" />
          </>
        ) : null}
        {type === "DATE" ? (
          <>
            <FormInput name="minDate" label="Date au plus tôt (facultative)" hint="Format AAAA-MM-JJ, par exemple 2027-01-31." maxLength={10} />
            <FormInput name="maxDate" label="Date au plus tard (facultative)" hint="Format AAAA-MM-JJ." maxLength={10} />
          </>
        ) : null}
        {type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE" ? <FormTextarea name="options" label="Options" hint="Une option par ligne, au moins deux." rows={4} /> : null}
        <Button type="submit" disabled={!hydrated || form.formState.isSubmitting}>
          Ajouter la question
        </Button>
      </form>
    </FormProvider>
  );
}
