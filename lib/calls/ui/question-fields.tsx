"use client";
/**
 * The call's own questions as form fields (inside the dossier form's
 * FormProvider). The schema is built from the same definitions
 * (lib/calls/questions.schema.ts), so the browser and the server agree.
 */
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Controller, get, useFormContext } from "react-hook-form";
import { FormEuroInput, FormInput, FormSelect, FormTextarea, fieldId } from "@/components/form/fields";
import { formatCents } from "@/lib/money";
import { TEXT_DEFAULT_MAX, type QuestionDefinition } from "../question-definition";

const nf = (n: number) => n.toLocaleString("fr-FR");
const frDate = (iso: string) => new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

/** The help text and the limits, as the person reads them. */
export function questionHint(q: QuestionDefinition): string {
  const c = q.config;
  const parts: string[] = [];
  if (q.helpText) parts.push(q.helpText);
  if (q.type === "SHORT_TEXT" || q.type === "LONG_TEXT") parts.push(`${nf(c.maxLength ?? TEXT_DEFAULT_MAX[q.type])} caractères au maximum.`);
  if (q.type === "NUMBER" && (c.min !== undefined || c.max !== undefined)) {
    parts.push(c.min !== undefined && c.max !== undefined ? `Entre ${nf(c.min)} et ${nf(c.max)}.` : c.min !== undefined ? `${nf(c.min)} au minimum.` : `${nf(c.max!)} au maximum.`);
  }
  if (q.type === "AMOUNT") {
    parts.push("En euros, par exemple 12 500.");
    if (c.min !== undefined) parts.push(`${formatCents(c.min)} au minimum.`);
    if (c.max !== undefined) parts.push(`${formatCents(c.max)} au maximum.`);
  }
  if (q.type === "DATE") {
    if (c.minDate) parts.push(`Le ${frDate(c.minDate)} au plus tôt.`);
    if (c.maxDate) parts.push(`Le ${frDate(c.maxDate)} au plus tard.`);
  }
  if (q.type === "FILE") {
    parts.push("Indiquez le nom du fichier (par exemple budget.pdf) et joignez-le à l’étape « Vérification et dépôt », section Pièces jointes : le dépôt vérifie qu’il y est.");
  }
  return parts.join(" ");
}

const labelOf = (q: QuestionDefinition) => (q.required ? q.label : `${q.label} (facultatif)`);

export function QuestionFields({ questions }: { questions: readonly QuestionDefinition[] }) {
  return (
    <>
      {questions.map((q) => (
        <QuestionField key={q.key} q={q} />
      ))}
    </>
  );
}

function useError(name: string): string | undefined {
  const { formState } = useFormContext();
  return (get(formState.errors, name) as { message?: string } | undefined)?.message;
}

function QuestionField({ q }: { q: QuestionDefinition }) {
  const { register, control } = useFormContext();
  const error = useError(q.key);
  const hint = questionHint(q) || undefined;
  const state = error ? ("error" as const) : ("default" as const);
  switch (q.type) {
    case "SHORT_TEXT":
    case "FILE":
      return <FormInput name={q.key} label={labelOf(q)} hint={hint} maxLength={q.type === "FILE" ? 255 : q.config.maxLength} />;
    case "LONG_TEXT":
      return <FormTextarea name={q.key} label={labelOf(q)} hint={hint} maxLength={q.config.maxLength} />;
    case "AMOUNT":
      return <FormEuroInput name={q.key} label={labelOf(q)} hint={hint} />;
    case "SINGLE_CHOICE":
      return <FormSelect name={q.key} label={labelOf(q)} hint={hint} options={(q.config.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case "DATE":
      return (
        <Input
          label={labelOf(q)}
          hintText={hint}
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{ ...register(q.key), id: fieldId(q.key), type: "date", "aria-invalid": error ? true : undefined }}
        />
      );
    case "NUMBER":
      return (
        <Controller
          name={q.key}
          control={control}
          render={({ field }) => (
            <Input
              label={labelOf(q)}
              hintText={hint}
              state={state}
              stateRelatedMessage={error}
              nativeInputProps={{
                id: fieldId(q.key),
                ref: field.ref,
                name: field.name,
                onBlur: field.onBlur,
                inputMode: "decimal",
                value: field.value === null || field.value === undefined ? "" : String(field.value).replace(".", ","),
                onChange: (e) => {
                  const raw = e.target.value.trim();
                  // « 12,5 » → 12.5; anything else stays as typed so that zod explains.
                  field.onChange(raw === "" ? null : /^-?\d+(?:[.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : e.target.value);
                },
                "aria-invalid": error ? true : undefined,
              }}
            />
          )}
        />
      );
    case "MULTIPLE_CHOICE":
      return (
        <Checkbox
          id={fieldId(q.key)}
          legend={labelOf(q)}
          hintText={hint}
          state={state}
          stateRelatedMessage={error}
          options={(q.config.options ?? []).map((o) => ({
            label: o,
            nativeInputProps: { ...register(q.key), value: o },
          }))}
        />
      );
    case "YES_NO":
      return (
        <RadioButtons
          id={fieldId(q.key)}
          legend={labelOf(q)}
          hintText={hint}
          state={state}
          stateRelatedMessage={error}
          orientation="horizontal"
          options={(["oui", "non"] as const).map((v) => ({
            label: v === "oui" ? "Oui" : "Non",
            nativeInputProps: { ...register(q.key), value: v },
          }))}
        />
      );
  }
}

/** An answer as the review step shows it. */
export function displayAnswer(q: QuestionDefinition, v: unknown): string {
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return "(sans réponse)";
  if (q.type === "AMOUNT" && typeof v === "number") return formatCents(v);
  if (q.type === "DATE" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return frDate(v);
  if (q.type === "YES_NO") return v === "oui" ? "Oui" : v === "non" ? "Non" : String(v);
  if (Array.isArray(v)) return v.join(", ");
  if (q.type === "NUMBER" && typeof v === "number") return nf(v);
  return String(v);
}
