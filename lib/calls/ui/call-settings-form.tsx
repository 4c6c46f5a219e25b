"use client";
import { useHydrated } from "@/components/form/use-hydrated";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, FormProvider, get, useForm, useFormContext, type FieldValues, type Resolver } from "react-hook-form";
import { ErrorSummary, FormEuroInput, FormInput, FormTextarea, fieldId, flattenErrors } from "@/components/form/fields";
import { createCallAction, updateCallAction } from "../call.actions";
import { ADMINISTRATION_KIND_LABEL, ADMINISTRATION_KINDS, callSettingsInput, type CallSettingsInput } from "../call.schema";

export const EMPTY_SETTINGS: CallSettingsInput = {
  title: "",
  slug: "",
  summary: "",
  description: "",
  kind: "CALL",
  themes: "",
  categories: "",
  eligibleKinds: [],
  budgetEnvelopeCents: null,
  minRequestedCents: null,
  maxRequestedCents: null,
  maxRatePercent: null,
  opensAt: "",
  closesAt: "",
  preselectionAt: "",
  auditionDays: ["", "", ""],
  resultsExpectedAt: "",
};

function useError(name: string): string | undefined {
  const { formState } = useFormContext();
  return (get(formState.errors, name) as { message?: string } | undefined)?.message;
}

function DateField({ name, label, hint, type = "datetime-local" }: { name: string; label: string; hint?: string; type?: "datetime-local" | "date" }) {
  const { register } = useFormContext();
  const error = useError(name);
  return (
    <Input
      label={label}
      hintText={hint ?? (type === "date" ? "Format JJ/MM/AAAA." : "Heure de Paris.")}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeInputProps={{ ...register(name), id: fieldId(name), type, "aria-invalid": error ? true : undefined }}
    />
  );
}

function PercentField({ name, label, hint }: { name: string; label: string; hint: string }) {
  const { control } = useFormContext();
  const error = useError(name);
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Input
          label={label}
          hintText={hint}
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: fieldId(name),
            ref: field.ref,
            name: field.name,
            onBlur: field.onBlur,
            inputMode: "decimal",
            value: field.value === null || field.value === undefined ? "" : String(field.value).replace(".", ","),
            onChange: (e) => {
              const raw = e.target.value.trim().replace(/\s*%$/, "");
              field.onChange(raw === "" ? null : /^\d+(?:[.,]\d{1,2})?$/.test(raw) ? Number(raw.replace(",", ".")) : e.target.value);
            },
            "aria-invalid": error ? true : undefined,
          }}
        />
      )}
    />
  );
}

function KindField() {
  const { register } = useFormContext();
  const error = useError("kind");
  return (
    <RadioButtons
      id={fieldId("kind")}
      legend="Type d’appel"
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={[
        { label: "Appel à projets (avec une date limite)", nativeInputProps: { ...register("kind"), value: "CALL" } },
        { label: "Guichet en continu (sans date limite, examen par lots)", nativeInputProps: { ...register("kind"), value: "ROLLING" } },
      ]}
    />
  );
}

function EligibleKindsField() {
  const { register } = useFormContext();
  const error = useError("eligibleKinds");
  return (
    <Checkbox
      id={fieldId("eligibleKinds")}
      legend="Administrations éligibles"
      hintText="Les types d’administration dont les agents peuvent déposer un dossier."
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={ADMINISTRATION_KINDS.map((k) => ({
        label: ADMINISTRATION_KIND_LABEL[k],
        nativeInputProps: { ...register("eligibleKinds"), value: k },
      }))}
    />
  );
}

export function CallSettingsForm({ mode, callId, version, defaults }: { mode: "create" | "edit"; callId?: string; version?: number; defaults: CallSettingsInput }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const form = useForm<FieldValues>({
    resolver: zodResolver(callSettingsInput as never) as unknown as Resolver<FieldValues>,
    defaultValues: defaults as FieldValues,
    shouldFocusError: true,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const [serverError, setServerError] = useState<{ message: string; conflict: boolean } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (serverError) alertRef.current?.focus();
  }, [serverError]);

  const onSubmit = form.handleSubmit(async () => {
    setServerError(null);
    const values = form.getValues();
    const result = mode === "create" ? await createCallAction(values) : await updateCallAction({ callId, version, values });
    if (result.ok) {
      router.push(`/espace/appels/${result.data.slug}?enregistre=1`);
      router.refresh();
      return;
    }
    const entries = Object.entries(result.fieldErrors ?? {});
    for (const [name, messages] of entries) form.setError(name, { type: "server", message: messages.join(" ") }, { shouldFocus: name === entries[0]![0] });
    if (entries.length === 0 || result.code === "CONFLICT") setServerError({ message: result.message, conflict: result.code === "CONFLICT" });
  });

  const errors = form.formState.isSubmitted ? flattenErrors(form.formState.errors) : [];
  return (
    <FormProvider {...form}>
      {serverError ? (
        <div ref={alertRef} tabIndex={-1} className={`fr-alert ${serverError.conflict ? "fr-alert--warning" : "fr-alert--error"} fr-mb-3w`} role="alert">
          <h2 className="fr-alert__title">{serverError.conflict ? "Conflit de modification" : "L’appel n’a pas été enregistré"}</h2>
          <p>{serverError.message}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <form noValidate onSubmit={onSubmit}>
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <fieldset className="fr-fieldset" aria-labelledby="presentation-legend">
          <legend id="presentation-legend" className="fr-fieldset__legend fr-h5">
            Présentation
          </legend>
          <div className="fr-fieldset__element">
            <FormInput name="title" label="Titre de l’appel" hint="Entre 5 et 200 caractères." maxLength={200} />
            <FormInput name="slug" label="Adresse de la page" hint="Dans l’adresse /appels/… : minuscules non accentuées, chiffres et tirets, par exemple donnees-2022." maxLength={80} />
            <FormTextarea name="summary" label="Résumé" hint="Une ou deux phrases, entre 10 et 500 caractères." maxLength={500} rows={3} />
            <FormTextarea
              name="description"
              label="Description (facultative pour enregistrer, requise pour ouvrir)"
              hint="Markdown : **gras**, *italique*, listes « - », titres « ## », liens [texte](https://…). Le HTML n’est pas interprété."
              maxLength={20000}
              rows={10}
            />
            <KindField />
            <FormTextarea name="themes" label="Thèmes (facultatif)" hint="Un thème par ligne." rows={4} />
            <FormTextarea name="categories" label="Catégories de projets" hint="Une catégorie par ligne ; une catégorie qui a des dossiers ne peut plus être retirée." rows={4} />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset" aria-labelledby="eligibilite-legend">
          <legend id="eligibilite-legend" className="fr-fieldset__legend fr-h5">
            Éligibilité et budget
          </legend>
          <div className="fr-fieldset__element">
            <EligibleKindsField />
            <FormEuroInput name="budgetEnvelopeCents" label="Enveloppe budgétaire (€)" />
            <FormEuroInput name="minRequestedCents" label="Cofinancement minimal par projet (€, facultatif)" />
            <FormEuroInput name="maxRequestedCents" label="Cofinancement maximal par projet (€, facultatif)" />
            <PercentField name="maxRatePercent" label="Taux de cofinancement maximal (%, facultatif)" hint="Part du coût total du projet, par exemple 50 ou 33,33." />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset" aria-labelledby="calendrier-legend">
          <legend id="calendrier-legend" className="fr-fieldset__legend fr-h5">
            Calendrier
          </legend>
          <div className="fr-fieldset__element">
            <DateField name="opensAt" label="Ouverture des dépôts" />
            <DateField name="closesAt" label="Clôture des dépôts (vide pour un guichet en continu)" />
            <DateField name="preselectionAt" label="Présélection (facultative pour un guichet)" />
            {[0, 1, 2].map((i) => (
              <DateField key={i} name={`auditionDays.${i}`} label={`Journée d’auditions ${i + 1} (facultative)`} type="date" />
            ))}
            <DateField name="resultsExpectedAt" label="Résultats attendus (facultatifs pour un guichet)" />
          </div>
        </fieldset>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          <li>
            <Button type="submit" disabled={!hydrated || form.formState.isSubmitting}>
              {mode === "create" ? "Créer l’appel" : "Enregistrer les modifications"}
            </Button>
          </li>
        </ul>
      </form>
    </FormProvider>
  );
}
