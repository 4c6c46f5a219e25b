import type { Metadata } from "next";
import { EmailLinkRequestForm } from "@/lib/auth/ui/email-link-forms";

export const metadata: Metadata = { title: "Mot de passe oublié" };

export default function ForgottenPasswordPage() {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Mot de passe oublié</h1>
        <p>Saisissez votre adresse : nous vous envoyons un lien pour choisir un nouveau mot de passe.</p>
        <EmailLinkRequestForm purpose="password-reset" />
      </div>
    </div>
  );
}
