import Link from "next/link";
import { isApplicant, type Actor } from "@/lib/auth/actor";

/** Entry point of the applicant's journey on « Mon espace ». */
export function ApplicantShortcuts({ actor }: { actor: Actor }) {
  if (!isApplicant(actor)) return null;
  return (
    <p className="fr-mt-3w">
      <Link className="fr-btn fr-btn--secondary" href="/espace/dossiers">
        Mes dossiers
      </Link>
    </p>
  );
}
