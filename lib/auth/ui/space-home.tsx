import { Button } from "@codegouvfr/react-dsfr/Button";
import Link from "next/link";
import type { CallListItem } from "@/lib/calls/call.queries";
import { isAdmin, isStaffOn, type Actor } from "../actor";
import { can } from "../policy";
import { signOut, signOutEverywhere } from "../sign-in.actions";

const ROLE_LABEL = { APPLICANT: "agent d’une administration candidate", STAFF: "équipe du programme", JURY: "membre du jury", ADMIN: "administrateur" } as const;

export function SpaceHome({ actor, calls }: { actor: Actor; calls: (CallListItem & { id: string })[] }) {
  const roles = new Set(actor.grants.map((g) => ROLE_LABEL[g.role]));
  const staffCalls = calls.filter((c) => isStaffOn(actor, c.id));
  return (
    <>
      <h1>Bonjour {actor.name}</h1>
      <p>
        Connecté en tant que <strong>{actor.email}</strong>
        {roles.size > 0 ? ` — ${[...roles].join(", ")}` : ""}.
      </p>
      {can(actor, "call.console", null) ? (
        <p>
          <Link href="/espace/appels">Gestion des appels</Link> : paramètres, questions du formulaire, phases, équipe et jury.
        </p>
      ) : null}
      {staffCalls.length > 0 ? (
        <>
          <h2 className="fr-h4">Instruction des dossiers</h2>
          <ul>
            {staffCalls.map((c) => (
              <li key={c.slug}>
                <Link href={`/instruction/appels/${c.slug}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isAdmin(actor) ? (
        <>
          <h2 className="fr-h4">Administration</h2>
          <ul>
            <li>
              <Link href="/espace/invitations">Inviter des personnes (administrations, équipe du programme, jury)</Link>
            </li>
          </ul>
        </>
      ) : null}
      <div className="fr-btns-group fr-btns-group--inline-md">
        <form action={signOut}>
          <Button type="submit" priority="secondary">
            Se déconnecter
          </Button>
        </form>
        <form action={signOutEverywhere}>
          <Button type="submit" priority="tertiary">
            Fermer toutes mes sessions
          </Button>
        </form>
      </div>
    </>
  );
}
