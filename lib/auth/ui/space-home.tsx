import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Actor } from "../actor";
import { signOut } from "../sign-in.actions";

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
      <form action={signOut}>
        <Button type="submit" priority="secondary">
          Se déconnecter
        </Button>
      </form>
    </>
  );
}
