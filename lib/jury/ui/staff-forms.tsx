"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { echoed, echoedChecked } from "@/lib/server/form-echo";
import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { saveScoringGridAction, type ActionState } from "../jury.actions";
import { COMMENT_MODE_LABEL, COMMENT_MODES, halfToPoints } from "../jury.schema";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Success texts, computed from the action's data (functions cannot cross from the server). */
const SUCCESS = {
  proposed: (d: unknown) => {
    const n = (d as { proposed: number }).proposed;
    return n === 0 ? "Aucun nouveau conflit probable." : `${n} conflit${n > 1 ? "s" : ""} probable${n > 1 ? "s" : ""} proposé${n > 1 ? "s" : ""}.`;
  },
  drafted: (d: unknown) => {
    const n = (d as { drafted: number }).drafted;
    return n === 0 ? "Aucun nouveau retour à préparer." : `${n} retour${n > 1 ? "s" : ""} préparé${n > 1 ? "s" : ""}.`;
  },
  released: (d: unknown) => {
    const n = (d as { released: number }).released;
    return `${n} retour${n > 1 ? "s" : ""} transmis aux candidats.`;
  },
  conflict: () => "Conflit enregistré.",
  reviewed: () => "Conflit mis à jour.",
  feedback: () => "Retour enregistré.",
} as const;

/**
 * A native form posting to a server action (works without JavaScript). With
 * JavaScript, the submit goes through a transition so React does not reset
 * the fields: on a refusal, what staff typed stays in place.
 */
export function ResultForm({ action, hidden, success, children, className }: { action: Action; hidden: Record<string, string>; success: keyof typeof SUCCESS; children: ReactNode; className?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={onSubmit} aria-busy={pending} className={className}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <div role="status" aria-live="polite">
        {state && !state.ok && <Alert severity="error" small className="fr-mt-1w" description={[state.message, ...new Set(Object.values(state.fieldErrors ?? {}).flat())].join(" ")} />}
        {state?.ok && <Alert severity="success" small className="fr-mt-1w" description={SUCCESS[success](state.data)} />}
      </div>
    </form>
  );
}

export type GridEditorProps = {
  callId: string;
  path: string;
  lockedReason: string | null;
  grid: { scaleMaxHalf: number; stepHalf: number; commentMode: "PER_CRITERION" | "OVERALL"; contestedSpreadHalf: number; cutSize: number; tieBreak: string[] };
  criteria: { key: string; label: string; helpText: string | null; weight: number; thresholdHalf: number | null }[];
};

/** The scoring grid: scale, comments, contested spread, cut, criteria and the tie-break order. */
export function GridEditor({ callId, path, lockedReason, grid, criteria }: GridEditorProps) {
  const [state, formAction, pending] = useActionState(saveScoringGridAction, null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) summary.current?.focus();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const err = (key: string) => (errors[key]?.length ? { state: "error" as const, stateRelatedMessage: errors[key]!.join(" ") } : {});
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  const order = criteria.map((c, i) => grid.tieBreak[i] ?? c.key);
  const sumError = errors.criteria?.join(" ");
  const tieError = errors.tieBreak?.join(" ");

  return (
    <form action={formAction} onSubmit={onSubmit} aria-busy={pending} noValidate>
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="path" value={path} />
      <input type="hidden" name="criteriaCount" value={criteria.length} />
      <div ref={summary} tabIndex={-1} role="status" aria-live="polite">
        {state && !state.ok && <Alert severity="error" title="Grille non enregistrée" className="fr-mb-3w" description={state.message} />}
        {state?.ok && <Alert severity="success" small className="fr-mb-3w" description="Grille de notation enregistrée." />}
      </div>
      {lockedReason && <Alert severity="info" small className="fr-mb-3w" description={lockedReason} />}
      <fieldset disabled={!!lockedReason} className="fr-fieldset" aria-labelledby="grille-echelle">
        <legend id="grille-echelle" className="fr-fieldset__legend">
          Échelle et règles
        </legend>
        <div className="fr-fieldset__element">
          <Input label="Note maximale (en points)" hintText="Par exemple 5 pour une échelle de 0 à 5." nativeInputProps={{ name: "scaleMax", inputMode: "decimal", defaultValue: echoed(state, "scaleMax", halfToPoints(grid.scaleMaxHalf)) }} {...err("scaleMaxHalf")} />
        </div>
        <div className="fr-fieldset__element">
          <Checkbox options={[{ label: "Autoriser les demi-points (3,5 par exemple)", nativeInputProps: { name: "halfPoints", defaultChecked: echoedChecked(state, "halfPoints", "on", grid.stepHalf === 1) } }]} />
        </div>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Commentaire obligatoire"
            name="commentMode"
            options={COMMENT_MODES.map((m) => ({ label: COMMENT_MODE_LABEL[m], nativeInputProps: { value: m, defaultChecked: echoedChecked(state, "commentMode", m, grid.commentMode === m) } }))}
            {...err("commentMode")}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Écart qui rend un dossier contesté (en points)"
            hintText="Écart entre la note la plus haute et la plus basse des jurés sur un critère."
            nativeInputProps={{ name: "contestedSpread", inputMode: "decimal", defaultValue: echoed(state, "contestedSpread", halfToPoints(grid.contestedSpreadHalf)) }}
            {...err("contestedSpreadHalf")}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input label="Nombre de lauréats visés (ligne de coupure)" hintText="0 : pas de ligne de coupure." nativeInputProps={{ name: "cutSize", inputMode: "numeric", defaultValue: echoed(state, "cutSize", String(grid.cutSize)) }} {...err("cutSize")} />
        </div>
      </fieldset>

      <fieldset disabled={!!lockedReason} className="fr-fieldset" aria-labelledby="grille-criteres" aria-describedby={sumError ? "grille-criteres-erreur" : undefined}>
        <legend id="grille-criteres" className="fr-fieldset__legend">
          Critères (la somme des poids doit être égale à 100 %)
        </legend>
        {sumError && (
          <p id="grille-criteres-erreur" className="fr-error-text fr-fieldset__element">
            {sumError}
          </p>
        )}
        {criteria.map((c, i) => (
          <div key={c.key} className="fr-fieldset__element">
            <input type="hidden" name={`criteria.${i}.key`} value={c.key} />
            <h3 className="fr-h6 fr-mb-1w">{c.label}</h3>
            <Input label={`Aide à la notation — ${c.label}`} textArea nativeTextAreaProps={{ name: `criteria.${i}.helpText`, defaultValue: echoed(state, `criteria.${i}.helpText`, c.helpText ?? ""), rows: 2 }} {...err(`criteria.${i}.helpText`)} />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <Input label={`Poids en % — ${c.label}`} nativeInputProps={{ name: `criteria.${i}.weight`, inputMode: "numeric", defaultValue: echoed(state, `criteria.${i}.weight`, String(c.weight)) }} {...err(`criteria.${i}.weight`)} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Input
                  label={`Seuil minimal en points — ${c.label}`}
                  hintText="Facultatif : moyenne minimale sur ce critère."
                  nativeInputProps={{ name: `criteria.${i}.threshold`, inputMode: "decimal", defaultValue: echoed(state, `criteria.${i}.threshold`, c.thresholdHalf === null ? "" : halfToPoints(c.thresholdHalf)) }}
                  {...err(`criteria.${i}.thresholdHalf`)}
                />
              </div>
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset disabled={!!lockedReason} className="fr-fieldset" aria-labelledby="grille-departage" aria-describedby={tieError ? "grille-departage-erreur" : "grille-departage-aide"}>
        <legend id="grille-departage" className="fr-fieldset__legend">
          Ordre de départage
        </legend>
        <p id="grille-departage-aide" className="fr-hint-text fr-fieldset__element">
          À moyenne égale, les dossiers sont départagés par la moyenne de ces critères, dans cet ordre, puis par le plus petit montant demandé. Fixé avant la journée d’auditions.
        </p>
        {tieError && (
          <p id="grille-departage-erreur" className="fr-error-text fr-fieldset__element">
            {tieError}
          </p>
        )}
        {criteria.map((_, i) => (
          <div key={i} className="fr-fieldset__element">
            <Select label={`Départage — rang ${i + 1}`} nativeSelectProps={{ name: `tieBreak.${i}`, defaultValue: echoed(state, `tieBreak.${i}`, order[i]) }}>
              {criteria.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </Select>
          </div>
        ))}
      </fieldset>
      {!lockedReason && <Button type="submit">Enregistrer la grille</Button>}
    </form>
  );
}
