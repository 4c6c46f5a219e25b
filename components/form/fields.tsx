"use client";
/**
 * DSFR fields wired to react-hook-form (inside a `FormProvider`): the error
 * text sits under the field, `aria-invalid` and `aria-describedby` point to
 * it, and `shouldFocusError` can focus the field through its ref.
 */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type ReactNode } from "react";
import { Controller, get, useFormContext, type FieldErrors } from "react-hook-form";

/** A stable DOM id for a field name (« lines.0.amountCents » → « champ-lines-0-amountCents »). */
export const fieldId = (name: string) => `champ-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

function useFieldError(name: string): string | undefined {
  const { formState } = useFormContext();
  const error = get(formState.errors, name) as { message?: string } | undefined;
  return error?.message;
}

type Common = { name: string; label: ReactNode; hint?: ReactNode; disabled?: boolean; className?: string };

export function FormInput({ name, label, hint, disabled, className, type = "text", autoComplete, inputMode, maxLength }: Common & {
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "decimal" | "email" | "tel";
  maxLength?: number;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Input
      className={className}
      label={label}
      hintText={hint}
      disabled={disabled}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{ ...register(name), id: fieldId(name), type, autoComplete, inputMode, maxLength, "aria-invalid": error ? true : undefined }}
    />
  );
}

export function FormTextarea({ name, label, hint, disabled, className, maxLength, rows = 6 }: Common & { maxLength?: number; rows?: number }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Input
      className={className}
      label={label}
      hintText={hint}
      disabled={disabled}
      textArea
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeTextAreaProps={{ ...register(name), id: fieldId(name), rows, maxLength, "aria-invalid": error ? true : undefined }}
    />
  );
}

export function FormSelect({ name, label, hint, disabled, className, options, placeholder = "Sélectionnez une option" }: Common & {
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Select
      className={className}
      label={label}
      hint={hint}
      disabled={disabled}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeSelectProps={{ ...register(name), id: fieldId(name), "aria-invalid": error ? true : undefined }}
    >
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

/** A whole number; empty is `null` (a draft may leave it blank), anything else stays as typed so zod explains. */
export function FormIntegerInput({ name, label, hint, disabled, className }: Common) {
  const { control } = useFormContext();
  const error = useFieldError(name);
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Input
          className={className}
          label={label}
          hintText={hint}
          disabled={disabled}
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: fieldId(name),
            ref: field.ref,
            name: field.name,
            onBlur: field.onBlur,
            inputMode: "numeric",
            value: field.value === null || field.value === undefined ? "" : String(field.value),
            onChange: (e) => {
              const raw = e.target.value.trim();
              field.onChange(raw === "" ? null : /^-?\d+$/.test(raw) ? Number(raw) : raw);
            },
            "aria-invalid": error ? true : undefined,
          }}
        />
      )}
    />
  );
}

/** « 1 234,56 » ↔ 123456 cents. */
export function parseEurosToCents(raw: string): number | null | string {
  const compact = raw.replace(/[\s\u202f\u00a0€]/g, "");
  if (compact === "") return null;
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return raw;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

export function centsToEuroText(cents: unknown): string {
  if (typeof cents !== "number" || !Number.isFinite(cents)) return typeof cents === "string" ? cents : "";
  const euros = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, "0")}`;
}

/** An amount typed in euros (« 12500 » or « 12500,50 »), held in integer cents. */
export function FormEuroInput({ name, label, hint, disabled, className }: Common) {
  const { control } = useFormContext();
  const error = useFieldError(name);
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => <EuroField field={field} label={label} hint={hint} disabled={disabled} className={className} error={error} name={name} />}
    />
  );
}

function EuroField({ field, label, hint, disabled, className, error, name }: Common & {
  field: { value: unknown; onChange: (v: unknown) => void; onBlur: () => void; ref: (el: HTMLInputElement | null) => void; name: string };
  error?: string;
}) {
  const [text, setText] = useState(() => centsToEuroText(field.value));
  // A reset from outside (conflict resolution) replaces what is shown.
  const [seen, setSeen] = useState(field.value);
  if (seen !== field.value && parseEurosToCents(text) !== field.value) {
    setSeen(field.value);
    setText(centsToEuroText(field.value));
  }
  return (
    <Input
      className={className}
      label={label}
      hintText={hint ?? "En euros, par exemple 12 500 ou 12 500,50"}
      disabled={disabled}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{
        id: fieldId(name),
        ref: field.ref,
        name: field.name,
        onBlur: field.onBlur,
        inputMode: "decimal",
        value: text,
        onChange: (e) => {
          setText(e.target.value);
          const parsed = parseEurosToCents(e.target.value);
          setSeen(parsed);
          field.onChange(parsed);
        },
        "aria-invalid": error ? true : undefined,
      }}
    />
  );
}

/** Every error of the form, flattened to `[name, message]`, in the order of the fields. */
export function flattenErrors(errors: FieldErrors, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; type?: unknown };
    if (typeof v.message === "string" && typeof v.type === "string") out.push([name, v.message]);
    else if (typeof value === "object") out.push(...flattenErrors(value as FieldErrors, name));
  }
  return out;
}

/** DSFR pattern: a summary at the top of the step, each error linking to its field. */
export function ErrorSummary({ errors, titleId = "resume-erreurs" }: { errors: [string, string][]; titleId?: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="fr-alert__title">
        {errors.length === 1 ? "Une erreur empêche de continuer" : `${errors.length} erreurs empêchent de continuer`}
      </h2>
      <ul>
        {errors.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
