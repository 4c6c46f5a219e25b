import type { Metadata } from "next";
import { loadInvitationPreview } from "@/lib/auth/invitation.queries";
import { INVITATION_INVALID, INVITATION_KIND_LABELS } from "@/lib/auth/invitation.schema";
import { InvitationAcceptForm } from "@/lib/auth/ui/invitation-accept";
import { formatParisDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvitationRoute({ searchParams }: Props) {
  const { jeton } = await searchParams;
  const token = typeof jeton === "string" ? jeton : "";
  const invitation = await loadInvitationPreview(token);
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-7">
        <h1>Invitation à rejoindre Lauréat</h1>
        {invitation ? (
          <>
            <p>
              Bonjour {invitation.name}, vous êtes invité(e) comme <strong>{INVITATION_KIND_LABELS[invitation.kind]}</strong> :{" "}
              <strong>{invitation.target}</strong>.
            </p>
            <p>
              Votre compte sera celui de l’adresse <strong>{invitation.email}</strong>. Vous pourrez ensuite vous connecter par un lien reçu par
              courriel, ou par ProConnect. Cette invitation est valable jusqu’au {formatParisDateTime(new Date(invitation.expiresAt))} (heure de Paris).
            </p>
            <InvitationAcceptForm token={token} />
          </>
        ) : (
          <p>{INVITATION_INVALID}</p>
        )}
      </div>
    </div>
  );
}
