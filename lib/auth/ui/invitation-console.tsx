"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useActionState } from "react";
import { echoed } from "@/lib/server/form-echo";
import { formatParisDateTime } from "@/lib/time";
import { createInvitationAction, revokeInvitationAction, type InvitationState } from "../invitation.actions";
import type { InvitationConsole as Console, InvitationStatus } from "../invitation.queries";
import { INVITATION_KIND_LABELS, INVITATION_KINDS, INVITATION_TTL_DAYS } from "../invitation.schema";

const STATUS: Record<InvitationStatus, { label: string; severity: "info" | "success" | "error" | "warning" }> = {
  PENDING: { label: "En attente", severity: "info" },
  ACCEPTED: { label: "Acceptée", severity: "success" },
  REVOKED: { label: "Annulée", severity: "error" },
  EXPIRED: { label: "Expirée", severity: "warning" },
};

function Feedback({ state }: { state: InvitationState }) {
  if (!state) return null;
  return (
    <div role="status" aria-live="polite">
      {state.ok ? (
        <Alert severity="success" small description={state.data.message} className="fr-mb-3w" />
      ) : (
        <Alert severity="error" small description={state.message} className="fr-mb-3w" />
      )}
    </div>
  );
}

/** Works without JavaScript: native forms posting to server actions. */
export function InvitationConsole({ console: data }: { console: Console }) {
  const [state, action, pending] = useActionState<InvitationState, FormData>(createInvitationAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const submitted = state && !state.ok ? (state.submitted ?? {}) : {};
  const fieldState = (name: string) => (errors[name] ? { state: "error" as const, stateRelatedMessage: errors[name]!.join(" ") } : {});
  // A new key after each answer: the fields show the values sent back with a refusal.
  const formKey = JSON.stringify(submitted);
  return (
    <>
      <h1>Invitations</h1>
      <p>
        Invitez une personne par courriel dans une administration candidate, dans l’équipe du programme ou dans le jury d’un appel. Le lien
        reçu est valable {INVITATION_TTL_DAYS} jours et ne fonctionne qu’une fois ; en l’acceptant, la personne obtient son compte et son rôle.
      </p>
      <h2 className="fr-h4">Nouvelle invitation</h2>
      <form action={action} noValidate key={formKey}>
        <Feedback state={state} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input label="Adresse électronique" hintText="Format attendu : prenom.nom@example.gouv.fr" {...fieldState("email")} nativeInputProps={{ name: "email", type: "email", autoComplete: "off", required: true, defaultValue: echoed(state, "email") }} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input label="Nom et prénom" {...fieldState("name")} nativeInputProps={{ name: "name", required: true, maxLength: 120, defaultValue: echoed(state, "name") }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Rôle" {...fieldState("kind")} nativeSelectProps={{ name: "kind", required: true, defaultValue: echoed(state, "kind", "") }}>
              <option value="" disabled>
                Choisir un rôle
              </option>
              {INVITATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {INVITATION_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Administration" hint="Pour un membre d’une administration candidate." {...fieldState("administrationId")} nativeSelectProps={{ name: "administrationId", defaultValue: echoed(state, "administrationId", "") }}>
              <option value="">—</option>
              {data.administrations.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Appel" hint="Obligatoire pour le jury ; pour l’équipe du programme, vide = tous les appels." {...fieldState("callId")} nativeSelectProps={{ name: "callId", defaultValue: echoed(state, "callId", "") }}>
              <option value="">—</option>
              {data.calls.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <Button type="submit" disabled={pending}>
          Envoyer l’invitation
        </Button>
      </form>

      <h2 className="fr-h4 fr-mt-6w">Invitations envoyées</h2>
      {data.invitations.length === 0 ? (
        <p>Aucune invitation pour le moment.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Invitations envoyées</caption>
                  <thead>
                    <tr>
                      <th scope="col">Personne</th>
                      <th scope="col">Rôle</th>
                      <th scope="col">Rattachement</th>
                      <th scope="col">État</th>
                      <th scope="col">Expiration</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.invitations.map((i) => (
                      <tr key={i.id}>
                        <td>
                          {i.name}
                          <br />
                          <span className="fr-text--sm">{i.email}</span>
                        </td>
                        <td>{INVITATION_KIND_LABELS[i.kind]}</td>
                        <td>{i.target}</td>
                        <td>
                          <Badge severity={STATUS[i.status].severity} small noIcon>
                            {STATUS[i.status].label}
                          </Badge>
                        </td>
                        <td>{formatParisDateTime(new Date(i.expiresAt))}</td>
                        <td>{i.status === "PENDING" ? <RevokeButton id={i.id} email={i.email} /> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function RevokeButton({ id, email }: { id: string; email: string }) {
  const [state, action, pending] = useActionState<InvitationState, FormData>(revokeInvitationAction, null);
  return (
    <form action={action}>
      {state && !state.ok ? <p className="fr-error-text">{state.message}</p> : null}
      <input type="hidden" name="invitationId" value={id} />
      <Button type="submit" priority="tertiary" size="small" disabled={pending} title={`Annuler l’invitation de ${email}`}>
        Annuler
      </Button>
    </form>
  );
}
