"use client";
/**
 * The staff member's saved views of a call's inbox: links that apply them
 * (the URL stays the source of truth), a form to save the current filters,
 * columns and sort under a name, and per view a disclosure to rename or
 * delete it. Native forms posting to server actions: they work without
 * JavaScript; with it, focus goes back to the list when a view disappears.
 */
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { deleteInboxViewAction, renameInboxViewAction, saveInboxViewAction } from "../inbox-view.actions";
import type { InboxViewDto } from "../inbox-view.queries";
import { MAX_VIEWS_PER_CALL, VIEW_NAME_MAX } from "../inbox-view.schema";
import { Failure, Success, useNativeForm } from "./review-forms";

const HEADING_ID = "vues-enregistrees";

export function InboxViews({ base, callId, currentQuery, views }: { base: string; callId: string; currentQuery: string; views: InboxViewDto[] }) {
  const href = (query: string) => (query ? `${base}?${query}` : base);
  // A deleted view's item (and the button that had focus) is gone: focus goes
  // back to the list's heading rather than to the top of the page.
  const previous = useRef(views.map((v) => v.id));
  useEffect(() => {
    const ids = new Set(views.map((v) => v.id));
    if (previous.current.some((id) => !ids.has(id))) document.getElementById(HEADING_ID)?.focus();
    previous.current = [...ids];
  }, [views]);
  return (
    <section aria-labelledby={HEADING_ID} className="fr-mb-4w">
      <h2 id={HEADING_ID} className="fr-h5" tabIndex={-1}>
        Mes vues enregistrées
      </h2>
      {views.length === 0 ? (
        <p className="fr-text--sm">Aucune vue enregistrée pour cet appel. Une vue garde les filtres, les colonnes et le tri de la liste sous un nom.</p>
      ) : (
        <ul className="fr-raw-list fr-mb-2w">
          {views.map((v) => (
            <li key={v.id} className="fr-mb-1w">
              <Link className="fr-link" href={href(v.query)} aria-current={v.query === currentQuery ? "page" : undefined}>
                {v.name}
                {v.query === currentQuery ? <span className="fr-sr-only"> (vue affichée)</span> : null}
              </Link>
              {v.ignored.length > 0 ? (
                <p className="fr-message fr-message--info fr-text--sm fr-mb-0">
                  Certains filtres de cette vue ne sont plus reconnus et sont ignorés : {v.ignored.join(", ")}.
                </p>
              ) : null}
              <ViewActions view={v} />
            </li>
          ))}
        </ul>
      )}
      {views.length < MAX_VIEWS_PER_CALL ? (
        <SaveViewForm callId={callId} query={currentQuery} />
      ) : (
        <p className="fr-text--sm">Vous avez enregistré {MAX_VIEWS_PER_CALL} vues pour cet appel, le maximum : supprimez-en une pour en enregistrer une autre.</p>
      )}
    </section>
  );
}

function SaveViewForm({ callId, query }: { callId: string; query: string }) {
  const f = useNativeForm(saveInboxViewAction);
  return (
    <form {...f.formProps} aria-label="Enregistrer cette vue">
      <Failure error={f.error && !f.error.fieldErrors?.name ? f.error : null} />
      <Success state={f.state} message={f.state?.ok ? `Vue « ${f.state.data.name} » enregistrée.` : ""} />
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="query" value={query} />
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom de la vue"
            hintText={`Les filtres, les colonnes et le tri affichés. ${VIEW_NAME_MAX} caractères au maximum.`}
            state={f.fieldState("name")}
            stateRelatedMessage={f.fieldError("name")}
            nativeInputProps={{ name: "name", maxLength: VIEW_NAME_MAX, required: true, autoComplete: "off", defaultValue: f.value("name") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-mb-3w">
          <Button type="submit" priority="secondary" iconId="fr-icon-save-line" disabled={f.pending}>
            Enregistrer cette vue
          </Button>
        </div>
      </div>
    </form>
  );
}

function ViewActions({ view }: { view: InboxViewDto }) {
  const rename = useNativeForm(renameInboxViewAction, { resetOnSuccess: false });
  const remove = useNativeForm(deleteInboxViewAction);
  return (
    <details className="fr-ml-2w">
      <summary className="fr-text--sm">Renommer ou supprimer la vue « {view.name} »</summary>
      <form {...rename.formProps} aria-label={`Renommer la vue « ${view.name} »`} className="fr-mt-1w">
        <Failure error={rename.error && !rename.error.fieldErrors?.name ? rename.error : null} />
        <Success state={rename.state} message="Vue renommée." />
        <input type="hidden" name="viewId" value={view.id} />
        <Input
          label={`Nouveau nom de la vue « ${view.name} »`}
          hintText={`${VIEW_NAME_MAX} caractères au maximum.`}
          state={rename.fieldState("name")}
          stateRelatedMessage={rename.fieldError("name")}
          nativeInputProps={{ name: "name", maxLength: VIEW_NAME_MAX, required: true, defaultValue: rename.value("name") ?? view.name, autoComplete: "off" }}
        />
        <Button type="submit" priority="secondary" size="small" disabled={rename.pending}>
          Renommer
        </Button>
      </form>
      <form {...remove.formProps} aria-label={`Supprimer la vue « ${view.name} »`} className="fr-mt-1w">
        <Failure error={remove.error} />
        <input type="hidden" name="viewId" value={view.id} />
        <Button type="submit" priority="tertiary" size="small" iconId="fr-icon-delete-line" disabled={remove.pending}>
          {`Supprimer la vue « ${view.name} »`}
        </Button>
      </form>
    </details>
  );
}

