import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import type { PublicCall } from "../call.queries";
import { CallPage } from "./call-page";

/** The public page as it will read, with a banner: a draft is not public yet. */
export function CallPreview({ call }: { call: PublicCall }) {
  return (
    <>
      <Alert
        severity="info"
        small
        className="fr-mb-3w"
        description={
          call.phase === "DRAFT"
            ? "Aperçu : cette page n’est pas publique tant que l’appel n’est pas ouvert."
            : "Aperçu de la page publique de l’appel."
        }
      />
      <p>
        <Link href={`/espace/appels/${call.slug}`}>Retour à la gestion de l’appel</Link>
      </p>
      <CallPage call={call} funnel={null} />
    </>
  );
}
