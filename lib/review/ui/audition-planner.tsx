"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { fromMinutes } from "../audition-slots";
import { saveAssignmentsAction, saveAuditionDayAction, sendConvocationsAction, type AuditionState } from "../audition.actions";
import type { AuditionPlanning } from "../audition.queries";

const frenchDate = (date: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

function Outcome({ state, title }: { state: AuditionState; title: string }) {
  if (!state) return null;
  if (state.ok) return <Alert severity="success" small description={state.data.message} className="fr-mb-3w" />;
  const details = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <Alert
      severity="error"
      title={title}
      className="fr-mb-3w"
      description={
        details.length > 1 ? (
          <ul>
            {[...new Set(details)].map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : (
          state.message
        )
      }
    />
  );
}

function Hidden({ planning }: { planning: AuditionPlanning }) {
  return (
    <>
      <input type="hidden" name="callId" value={planning.call.id} />
      <input type="hidden" name="slug" value={planning.call.slug} />
      <input type="hidden" name="version" value={planning.version} />
    </>
  );
}

/** Native forms (they work without JavaScript); every control is a labelled field, usable with the keyboard. */
export function AuditionPlanner({ planning }: { planning: AuditionPlanning }) {
  const [dayState, dayAction, dayPending] = useActionState<AuditionState, FormData>(saveAuditionDayAction, null);
  const [assignState, assignAction, assignPending] = useActionState<AuditionState, FormData>(saveAssignmentsAction, null);
  const [mailState, mailAction, mailPending] = useActionState<AuditionState, FormData>(sendConvocationsAction, null);
  const dayErrors = dayState && !dayState.ok ? dayState.fieldErrors ?? {} : {};
  const err = (field: string) => (dayErrors[field]?.length ? { state: "error" as const, stateRelatedMessage: dayErrors[field]!.join(" ") } : {});
  const last = planning.days.at(-1);
  const placed = new Set(planning.slots.flatMap((s) => (s.dossierId ? [s.dossierId] : [])));
  const unplaced = planning.preselected.filter((d) => !placed.has(d.id)).length;
  const toConvoke = planning.slots.filter((s) => s.dossierId && !s.convoked).length;

  return (
    <>
      <h1>Auditions — {planning.call.title}</h1>
      <p>
        {planning.preselected.length} dossier{planning.preselected.length > 1 ? "s" : ""} présélectionné{planning.preselected.length > 1 ? "s" : ""},{" "}
        {unplaced} à placer ; {planning.slots.length} créneau{planning.slots.length > 1 ? "x" : ""} sur {planning.days.length} journée{planning.days.length > 1 ? "s" : ""}.
      </p>

      <section className="fr-mb-6w" aria-labelledby="journee-titre">
        <h2 id="journee-titre">Journée d’auditions</h2>
        <p className="fr-hint-text">Enregistrer une date déjà planifiée remplace ses créneaux ; les dossiers déjà placés gardent leur heure si elle existe encore.</p>
        <Outcome state={dayState} title="Journée non enregistrée" />
        {/* Keyed on the plan's version: after a save the form remounts with the saved values (React resets a form after its action). */}
        <form key={planning.version} action={dayAction} noValidate>
          <Hidden planning={planning} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Date" nativeInputProps={{ name: "date", type: "date", required: true, defaultValue: last?.date ?? "" }} {...err("date")} />
            </div>
            <div className="fr-col-6 fr-col-md-4">
              <Input label="Début" hintText="Heure de Paris" nativeInputProps={{ name: "start", type: "time", required: true, defaultValue: last ? fromMinutes(last.start) : "08:30" }} {...err("start")} />
            </div>
            <div className="fr-col-6 fr-col-md-4">
              <Input label="Fin" hintText="Heure de Paris" nativeInputProps={{ name: "end", type: "time", required: true, defaultValue: last ? fromMinutes(last.end) : "18:45" }} {...err("end")} />
            </div>
            <div className="fr-col-6 fr-col-md-3">
              <Input label="Durée d’une audition (minutes)" nativeInputProps={{ name: "slotMinutes", type: "number", min: 5, max: 240, required: true, defaultValue: last?.slotMinutes ?? 15 }} {...err("slotMinutes")} />
            </div>
            <div className="fr-col-6 fr-col-md-3">
              <Input label="Intervalle entre deux auditions (minutes)" nativeInputProps={{ name: "gapMinutes", type: "number", min: 0, max: 120, required: true, defaultValue: last?.gapMinutes ?? 0 }} {...err("gapMinutes")} />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Pauses"
                hintText="Par exemple : 12:30-13:30, 16:00-16:15"
                nativeInputProps={{ name: "breaks", defaultValue: last ? last.breaks.map((b) => `${fromMinutes(b.start)}-${fromMinutes(b.end)}`).join(", ") : "12:30-13:30" }}
                {...err("breaks")}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input label="Lieu" hintText="Adresse et salle (facultatif si visioconférence)" nativeInputProps={{ name: "location", defaultValue: planning.location ?? "" }} {...err("location")} />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input label="Lien de visioconférence" hintText="https://… (facultatif si lieu)" nativeInputProps={{ name: "videoUrl", type: "url", defaultValue: planning.videoUrl ?? "" }} {...err("videoUrl")} />
            </div>
          </div>
          <Button type="submit" disabled={dayPending} iconId="fr-icon-calendar-line">
            Enregistrer la journée
          </Button>
        </form>
      </section>

      {planning.slots.length > 0 ? (
        <section className="fr-mb-6w" aria-labelledby="creneaux-titre">
          <h2 id="creneaux-titre">Créneaux</h2>
          <Outcome state={assignState} title="Planning non enregistré" />
          <form key={planning.version} action={assignAction} noValidate>
            <Hidden planning={planning} />
            {planning.days.map((day) => (
              <div key={day.date} className="fr-table fr-table--no-caption">
                <table>
                  <caption>{frenchDate(day.date)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Créneau</th>
                      <th scope="col">Dossier</th>
                      <th scope="col">Convocation</th>
                    </tr>
                  </thead>
                  <tbody>
                    {planning.slots
                      .filter((s) => s.day === day.date)
                      .map((slot) => (
                        <tr key={slot.id}>
                          <th scope="row">
                            {slot.start}–{slot.end}
                          </th>
                          <td>
                            <select
                              className="fr-select"
                              name={`slot:${slot.id}`}
                              defaultValue={slot.dossierId ?? ""}
                              aria-label={`Dossier auditionné le ${frenchDate(day.date)} à ${slot.start}`}
                            >
                              <option value="">— Libre —</option>
                              {planning.preselected.map((d) => (
                                <option key={d.id} value={d.id}>
                                  {`${d.reference ?? "sans numéro"} — ${d.title} (${d.administration})`}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td>{slot.dossierId ? (slot.convoked ? "Envoyée" : "À envoyer") : "—"}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            ))}
            <Button type="submit" disabled={assignPending} iconId="fr-icon-save-line">
              Enregistrer le planning
            </Button>
          </form>
        </section>
      ) : null}

      {planning.slots.length > 0 ? (
        <section aria-labelledby="convocations-titre">
          <h2 id="convocations-titre">Convocations</h2>
          <p>
            {toConvoke} convocation{toConvoke > 1 ? "s" : ""} à envoyer : chaque administration reçoit la date, l’heure (heure de Paris), le lieu ou le lien de visioconférence.
          </p>
          <Outcome state={mailState} title="Convocations non envoyées" />
          <form action={mailAction}>
            <Hidden planning={planning} />
            <Button type="submit" disabled={mailPending || toConvoke === 0} iconId="fr-icon-mail-line">
              Envoyer les convocations
            </Button>
          </form>
        </section>
      ) : null}
    </>
  );
}
