import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Actor } from "../actor";
import { signOut, signOutEverywhere } from "../sign-in.actions";

const ROLE_LABEL = { APPLICANT: "agent d’une administration candidate", STAFF: "équipe du programme", JURY: "membre du jury", ADMIN: "administrateur" } as const;

export function SpaceHome({ actor }: { actor: Actor }) {
  const roles = new Set(actor.grants.map((g) => ROLE_LABEL[g.role]));
  return (
    <>
      <h1>Bonjour {actor.name}</h1>
      <p>
        Connecté en tant que <strong>{actor.email}</strong>
        {roles.size > 0 ? ` — ${[...roles].join(", ")}` : ""}.
      </p>
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
