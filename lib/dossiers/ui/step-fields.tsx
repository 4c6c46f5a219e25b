"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { FormEuroInput, FormInput, FormIntegerInput, FormSelect, FormTextarea } from "@/components/form/fields";
import { formatCents } from "@/lib/money";
import { BUDGET_NATURE_LABEL, BUDGET_NATURES, budgetTotals, checkBudget, formatRate, rateBps, type BudgetLine, type CallBudgetRules } from "../budget";
import type { StepKey } from "../dossier.schema";

export type CallInfo = { categories: { key: string; label: string }[]; rules: CallBudgetRules };

export function StepFields({ step, call }: { step: StepKey; call: CallInfo }) {
  switch (step) {
    case "project":
      return (
        <>
          <FormInput name="title" label="Titre du projet" hint="Entre 5 et 200 caractères." maxLength={200} />
          <FormTextarea name="summary" label="Résumé du projet" hint="Entre 50 et 1 500 caractères : le problème, la solution, le public." maxLength={1500} />
          <FormIntegerInput name="durationMonths" label="Durée du projet (en mois)" hint="Entre 1 et 60 mois." />
        </>
      );
    case "contacts":
      return (
        <>
          <FormInput name="siret" label="SIRET de l’administration porteuse" hint="14 chiffres, par exemple 130 025 265 00013." inputMode="numeric" maxLength={20} />
          <FormInput name="service" label="Service porteur" hint="Direction, sous-direction ou bureau." maxLength={200} />
          <FormInput name="leadName" label="Nom du chef de projet" autoComplete="name" maxLength={120} />
          <FormInput name="leadEmail" label="Adresse électronique du chef de projet" hint="Format attendu : prenom.nom@exemple.gouv.fr" type="email" autoComplete="email" maxLength={254} />
          <FormInput name="leadPhone" label="Téléphone du chef de projet" hint="Format attendu : 01 23 45 67 89" type="tel" autoComplete="tel" maxLength={20} />
        </>
      );
    case "category":
      return <FormSelect name="categoryKey" label="Catégorie du projet" hint="La catégorie de l’appel dont relève votre projet." options={call.categories.map((c) => ({ value: c.key, label: c.label }))} />;
    case "objectives":
      return (
        <>
          <FormTextarea name="objectives" label="Objectifs du projet" hint="Entre 50 et 4 000 caractères." maxLength={4000} />
          <FormTextarea name="benefitsAdministration" label="Bénéfices attendus pour votre administration" hint="Entre 50 et 4 000 caractères." maxLength={4000} />
          <FormTextarea name="benefitsOthers" label="Bénéfices attendus pour les usagers et les autres administrations" hint="Entre 50 et 4 000 caractères." maxLength={4000} />
        </>
      );
    case "technical":
      return (
        <>
          <FormTextarea name="approach" label="Approche technique" hint="Données utilisées, architecture, méthode. Entre 50 et 6 000 caractères." maxLength={6000} rows={10} />
          <FormTextarea name="team" label="Équipe projet" hint="Rôles et compétences mobilisés. Entre 20 et 2 000 caractères." maxLength={2000} />
        </>
      );
    case "sustainability":
      return <FormTextarea name="sustainability" label="Pérennité du projet" hint="Qui maintiendra le service après le cofinancement, et avec quels moyens. Entre 50 et 4 000 caractères." maxLength={4000} />;
    case "budget":
      return <BudgetFields rules={call.rules} />;
  }
}

function BudgetFields({ rules }: { rules: CallBudgetRules }) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "lines" });
  const lines = (useWatch({ control, name: "lines" }) ?? []) as Partial<BudgetLine>[];
  const requested = useWatch({ control, name: "requestedCents" }) as unknown;
  const complete = lines.filter((l): l is BudgetLine => typeof l.amountCents === "number" && (BUDGET_NATURES as readonly string[]).includes(l.nature ?? "") && typeof l.year === "number");
  const totals = budgetTotals(complete);
  const requestedCents = typeof requested === "number" ? BigInt(requested) : 0n;
  const rate = rateBps(requestedCents, totals.totalCents);
  const issues = complete.length > 0 && requestedCents > 0n ? checkBudget(complete, requestedCents, rules) : [];
  return (
    <>
      <h3 className="fr-h5">Dépenses du projet</h3>
      <p className="fr-hint-text">
        Règles de l’appel :{" "}
        {[
          rules.maxRequestedCents !== null ? `cofinancement plafonné à ${formatCents(rules.maxRequestedCents)}` : null,
          rules.minRequestedCents !== null ? `minimum ${formatCents(rules.minRequestedCents)}` : null,
          rules.maxRateBps !== null ? `taux maximal ${formatRate(rules.maxRateBps)}` : null,
          "cofinancement au plus égal au coût total",
        ]
          .filter(Boolean)
          .join(" ; ")}
        .
      </p>
      {fields.map((f, i) => (
        <fieldset key={f.id} className="fr-fieldset fr-mb-2w" aria-labelledby={`ligne-${i}-legend`}>
          <legend id={`ligne-${i}-legend`} className="fr-fieldset__legend fr-text--md">
            Ligne de dépense {i + 1}
          </legend>
          <div className="fr-fieldset__element">
            <FormSelect name={`lines.${i}.nature`} label="Nature" options={BUDGET_NATURES.map((n) => ({ value: n, label: BUDGET_NATURE_LABEL[n] }))} />
            <FormIntegerInput name={`lines.${i}.year`} label="Année" hint="Entre 2020 et 2035." />
            <FormInput name={`lines.${i}.label`} label="Libellé" maxLength={200} />
            <FormEuroInput name={`lines.${i}.amountCents`} label="Montant (€)" />
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => remove(i)}>
              Supprimer la ligne {i + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => append({ nature: "", year: new Date().getFullYear(), label: "", amountCents: null })}>
        Ajouter une ligne de dépense
      </Button>

      <div className="fr-table fr-mt-3w">
        <table>
          <caption>Totaux par nature</caption>
          <thead>
            <tr>
              <th scope="col">Nature</th>
              <th scope="col">Montant</th>
            </tr>
          </thead>
          <tbody>
            {BUDGET_NATURES.map((n) => (
              <tr key={n}>
                <td>{BUDGET_NATURE_LABEL[n]}</td>
                <td>{formatCents(totals.byNature[n])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Coût total du projet</th>
              <td data-testid="budget-total">{formatCents(totals.totalCents)}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h3 className="fr-h5">Cofinancement</h3>
      <FormEuroInput name="requestedCents" label="Cofinancement demandé (€)" />
      <p aria-live="polite">Taux de cofinancement : {rate === null ? "—" : formatRate(rate)}</p>
      {issues.length > 0 ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <ul>
            {issues.map((i) => (
              <li key={i.message}>{i.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormTextarea name="otherFunding" label="Autres financements (facultatif)" hint="Fonds propres, autres programmes… 1 000 caractères au maximum." maxLength={1000} rows={3} />
    </>
  );
}
