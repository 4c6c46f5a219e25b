import type { Metadata } from "next";
import { EmailLinkRequestForm } from "@/lib/auth/ui/email-link-forms";

export const metadata: Metadata = { title: "Connexion par lien envoyé par courriel" };

export default function MagicLinkRequestPage() {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Recevoir un lien de connexion</h1>
        <p>Sans mot de passe : saisissez votre adresse, nous vous envoyons un lien qui vous connecte en un clic.</p>
        <EmailLinkRequestForm purpose="magic-link" />
      </div>
    </div>
  );
}
