"use client";
import { useHydrated } from "@/components/form/use-hydrated";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, type FieldValues, type Resolver } from "react-hook-form";
import { ErrorSummary, flattenErrors } from "@/components/form/fields";
import type { QuestionDefinition } from "@/lib/calls/question-definition";
import { answersSchema, emptyAnswers } from "@/lib/calls/questions.schema";
import { displayAnswer, QuestionFields } from "@/lib/calls/ui/question-fields";
import type { AttachmentDto } from "@/lib/files/attachment.schema";
import { formatCents } from "@/lib/money";
import { submitDossierAction } from "../dossier.actions";
import { EMPTY_STEP_VALUES, FIELD_LABEL, QUESTIONS_STEP, REVIEW_STEP, stepSchemas, STEPS, type DossierContent, type FormStepKey } from "../dossier.schema";
import { validateForSubmission } from "../submission-check";
import { AttachmentsEditor } from "./attachments";
import { StepFields, type CallInfo } from "./step-fields";
import { SaveIndicator, useAutosave, type Conflict } from "./use-autosave";

const AUTOSAVE_DELAY_MS = 2000;
type WizardStep = { key: FormStepKey | "review"; label: string };

/** The fixed steps, the call's questions when it has some, then the review. */
function wizardSteps(questions: readonly QuestionDefinition[]): WizardStep[] {
  return [
    ...STEPS.map((s) => ({ key: s.key, label: s.label })),
    ...(questions.length > 0 ? [{ key: QUESTIONS_STEP.key, label: QUESTIONS_STEP.label }] : []),
    { key: REVIEW_STEP.key, label: REVIEW_STEP.label },
  ];
}

export type WizardProps = {
  dossierId: string;
  version: number;
  content: DossierContent;
  callTitle: string;
  call: {
    categories: { key: string; label: string }[];
    maxRequestedCents: string | null;
    minRequestedCents: string | null;
    maxRateBps: number | null;
    questions: QuestionDefinition[];
  };
  initialStep: string | null;
  attachments: AttachmentDto[];
};

/** Saved values merged over the empty ones: a reload shows exactly what was saved. */
function defaultsFor(step: FormStepKey, content: DossierContent, questions: readonly QuestionDefinition[]): FieldValues {
  const empty = (step === "questions" ? emptyAnswers(questions) : EMPTY_STEP_VALUES[step]) as Record<string, unknown>;
  const saved = (content[step] ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...empty };
  for (const [k, v] of Object.entries(saved)) out[k] = v === null && empty[k] === "" ? "" : v;
  if (step === "budget" && Array.isArray(out.lines)) {
    out.lines = (out.lines as Record<string, unknown>[]).map((l) => ({ nature: l.nature ?? "", year: l.year ?? null, label: l.label ?? "", amountCents: l.amountCents ?? null }));
  }
  return out;
}

export function DossierWizard(props: WizardProps) {
  const { dossierId } = props;
  const questions = props.call.questions;
  const ALL_STEPS = wizardSteps(questions);
  const startIndex = Math.max(0, ALL_STEPS.findIndex((s) => s.key === props.initialStep));
  const [index, setIndex] = useState(startIndex);
  const [content, setContent] = useState<DossierContent>(props.content);
  const [formKey, setFormKey] = useState(0);
  const [attachments, setAttachments] = useState(props.attachments);
  const onSaved = useCallback((step: FormStepKey, values: unknown) => setContent((c) => ({ ...c, [step]: values })), []);
  const autosave = useAutosave(dossierId, props.version, onSaved);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const call: CallInfo = {
    categories: props.call.categories,
    rules: {
      maxRequestedCents: props.call.maxRequestedCents === null ? null : BigInt(props.call.maxRequestedCents),
      minRequestedCents: props.call.minRequestedCents === null ? null : BigInt(props.call.minRequestedCents),
      maxRateBps: props.call.maxRateBps,
    },
  };

  const current = ALL_STEPS[index]!;
  useEffect(() => {
    window.history.replaceState(null, "", `?etape=${current.key}`);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [current.key]);

  const goTo = (i: number) => setIndex(Math.min(Math.max(i, 0), ALL_STEPS.length - 1));

  return (
    <div>
      <p className="fr-text--sm fr-mb-1w">Appel : {props.callTitle}</p>
      <Stepper currentStep={index + 1} stepCount={ALL_STEPS.length} title={current.label} nextTitle={ALL_STEPS[index + 1]?.label} />
      <SaveIndicator state={autosave.state} />
      <h2 ref={headingRef} tabIndex={-1} className="fr-h4">
        {current.label}
      </h2>
      {current.key === "review" ? (
        <ReviewStep
          dossierId={dossierId}
          content={content}
          call={call}
          questions={questions}
          attachments={attachments}
          setAttachments={setAttachments}
          onEdit={(step) => goTo(ALL_STEPS.findIndex((s) => s.key === step))}
          onBack={() => goTo(index - 1)}
        />
      ) : (
        <StepForm
          key={`${current.key}-${formKey}`}
          step={current.key}
          defaults={defaultsFor(current.key, content, questions)}
          call={call}
          questions={questions}
          autosave={autosave}
          onConflictResolved={() => setFormKey((k) => k + 1)}
          onPrevious={index > 0 ? () => goTo(index - 1) : null}
          onNext={() => goTo(index + 1)}
        />
      )}
    </div>
  );
}

type Autosave = ReturnType<typeof useAutosave>;

function StepForm({ step, defaults, call, questions, autosave, onConflictResolved, onPrevious, onNext }: {
  step: FormStepKey;
  defaults: FieldValues;
  call: CallInfo;
  questions: readonly QuestionDefinition[];
  autosave: Autosave;
  onConflictResolved: () => void;
  onPrevious: (() => void) | null;
  onNext: () => void;
}) {
  const hydrated = useHydrated();
  const form = useForm<FieldValues>({
    resolver: zodResolver((step === "questions" ? answersSchema(questions, "submit") : stepSchemas[step]) as never) as unknown as Resolver<FieldValues>,
    defaultValues: defaults,
    shouldFocusError: true,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const { save, markDirty } = autosave;

  const saveNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return Promise.resolve("nothing" as const);
    dirty.current = false;
    return save(step, form.getValues());
  }, [form, save, step]);

  useEffect(() => {
    const sub = form.watch(() => {
      dirty.current = true;
      markDirty();
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    });
    return () => {
      sub.unsubscribe();
      // Leaving the step saves what was typed since the last save.
      void saveNow();
    };
  }, [form, saveNow, markDirty]);

  // Errors the server found in a save (crafted or stale input) go next to their fields.
  const serverErrors = autosave.state.kind === "error" ? autosave.state.fieldErrors : undefined;
  useEffect(() => {
    for (const [name, messages] of Object.entries(serverErrors ?? {})) form.setError(name, { type: "server", message: messages.join(" ") });
  }, [serverErrors, form]);

  const conflict = autosave.state.kind === "conflict" && autosave.state.conflict.step === step ? autosave.state.conflict : null;
  const errors = form.formState.isSubmitted || serverErrors ? flattenErrors(form.formState.errors) : [];

  return (
    <FormProvider {...form}>
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          onKeepMine={() => void autosave.keepMine(conflict)}
          onTakeTheirs={() => {
            autosave.takeTheirs(conflict);
            onConflictResolved();
          }}
        />
      ) : null}
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={form.handleSubmit(async () => {
          dirty.current = true;
          const outcome = await saveNow();
          if (outcome === "saved" || outcome === "offline" || outcome === "nothing") onNext();
        })}
      >
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        {step === "questions" ? <QuestionFields questions={questions} /> : <StepFields step={step} call={call} />}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          {onPrevious ? (
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={async () => {
                  await saveNow();
                  onPrevious();
                }}
              >
                Étape précédente
              </Button>
            </li>
          ) : null}
          <li>
            <Button type="submit" disabled={!hydrated}>
              Enregistrer et continuer
            </Button>
          </li>
        </ul>
      </form>
    </FormProvider>
  );
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(vide)";
  if (Array.isArray(value)) {
    const total = value.reduce((s: number, l: { amountCents?: unknown }) => s + (typeof l.amountCents === "number" ? l.amountCents : 0), 0);
    return `${value.length} ligne(s), ${formatCents(total)}`;
  }
  return String(value);
}

function ConflictPanel({ conflict, onKeepMine, onTakeTheirs }: { conflict: Conflict; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const mine = (conflict.mine ?? {}) as Record<string, unknown>;
  const theirs = (conflict.theirs ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => JSON.stringify(mine[k] ?? "") !== JSON.stringify(theirs[k] ?? ""));
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--warning fr-mb-3w" role="alert" aria-labelledby="conflit-titre">
      <h3 id="conflit-titre" className="fr-alert__title">
        Ce dossier a été modifié par quelqu’un d’autre
      </h3>
      <p>Votre saisie n’a pas été enregistrée. Voici ce qui diffère : choisissez la version à garder.</p>
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Différences entre votre saisie et la version enregistrée</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Votre saisie</th>
              <th scope="col">Version enregistrée</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">{FIELD_LABEL[k] ?? k}</th>
                <td>{display(mine[k])}</td>
                <td>{display(theirs[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button type="button" onClick={onKeepMine}>
            Garder ma version
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onTakeTheirs}>
            Reprendre la version enregistrée
          </Button>
        </li>
      </ul>
    </div>
  );
}

function ReviewStep({ dossierId, content, call, questions, attachments, setAttachments, onEdit, onBack }: {
  dossierId: string;
  content: DossierContent;
  call: CallInfo;
  questions: readonly QuestionDefinition[];
  attachments: AttachmentDto[];
  setAttachments: React.Dispatch<React.SetStateAction<AttachmentDto[]>>;
  onEdit: (step: FormStepKey) => void;
  onBack: () => void;
}) {
  const router = useRouter();
  // One key per attempt to submit this page: a retried request is recognised.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: [string, string[]][] } | null>(null);
  const problems = Object.entries(validateForSubmission(content, call.rules, questions, attachments.map((a) => a.fileName)));
  const answers = (content.questions ?? {}) as Record<string, unknown>;
  const questionProblems = problems.filter(([k]) => k.startsWith("questions."));
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      const r = await submitDossierAction({ dossierId, idempotencyKey });
      if (r.ok) {
        router.push(`/espace/dossiers/${dossierId}/accuse-de-reception`);
        return;
      }
      setError({ message: r.message, fields: Object.entries(r.fieldErrors ?? {}) });
    } catch {
      setError({ message: "Le dépôt n’a pas pu être envoyé (connexion interrompue). Réessayez : votre dossier ne sera pas déposé deux fois.", fields: [] });
    }
    setPending(false);
  };

  return (
    <div>
      {error ? (
        <div ref={errorRef} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h3 className="fr-alert__title">Le dossier n’a pas été déposé</h3>
          <p>{error.message}</p>
          {error.fields.length > 0 ? (
            <ul>
              {error.fields.map(([k, m]) => (
                <li key={k}>{m.join(" ")}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {STEPS.map((s) => {
        const stepProblems = problems.filter(([k]) => k.startsWith(`${s.key}.`) || (s.key === "budget" && k.startsWith("budget")));
        const values = (content[s.key] ?? {}) as Record<string, unknown>;
        return (
          <section key={s.key} className="fr-mb-3w" aria-labelledby={`recap-${s.key}`}>
            <h3 id={`recap-${s.key}`} className="fr-h6">
              {s.label}
            </h3>
            {stepProblems.length > 0 ? (
              <Alert severity="error" small description={`À compléter : ${[...new Set(stepProblems.flatMap(([, m]) => m))].join(" ")}`} className="fr-mb-1w" />
            ) : null}
            <dl>
              {Object.entries(values).map(([k, v]) => (
                <div key={k}>
                  <dt className="fr-text--bold">{FIELD_LABEL[k] ?? k}</dt>
                  <dd>{k === "requestedCents" && typeof v === "number" ? formatCents(v) : k === "categoryKey" ? (call.categories.find((c) => c.key === v)?.label ?? display(v)) : display(v)}</dd>
                </div>
              ))}
            </dl>
            <Button type="button" priority="tertiary" size="small" onClick={() => onEdit(s.key)}>
              Modifier l’étape « {s.label} »
            </Button>
          </section>
        );
      })}
      {questions.length > 0 ? (
        <section className="fr-mb-3w" aria-labelledby="recap-questions">
          <h3 id="recap-questions" className="fr-h6">
            {QUESTIONS_STEP.label}
          </h3>
          {questionProblems.length > 0 ? (
            <Alert severity="error" small description={`À compléter : ${[...new Set(questionProblems.flatMap(([, m]) => m))].join(" ")}`} className="fr-mb-1w" />
          ) : null}
          <dl>
            {questions.map((q) => (
              <div key={q.key}>
                <dt className="fr-text--bold">{q.label}</dt>
                <dd>{displayAnswer(q, answers[q.key])}</dd>
              </div>
            ))}
          </dl>
          <Button type="button" priority="tertiary" size="small" onClick={() => onEdit(QUESTIONS_STEP.key)}>
            Modifier l’étape « {QUESTIONS_STEP.label} »
          </Button>
        </section>
      ) : null}
      <AttachmentsEditor dossierId={dossierId} files={attachments} setFiles={setAttachments} />
      <Alert
        severity="info"
        small
        className="fr-mb-3w"
        description="Une fois déposé, le dossier ne peut plus être modifié. Vous recevrez un accusé de réception par courriel avec votre numéro de dépôt."
      />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button type="button" priority="secondary" onClick={onBack}>
            Étape précédente
          </Button>
        </li>
        <li>
          <Button type="button" onClick={submit} disabled={pending}>
            {pending ? "Dépôt en cours…" : "Déposer le dossier"}
          </Button>
        </li>
      </ul>
    </div>
  );
}
