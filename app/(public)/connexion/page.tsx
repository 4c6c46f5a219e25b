import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Metadata } from "next";
import Link from "next/link";
import { isOidcConfigured } from "@/lib/auth/oidc";
import { safeCallbackPath } from "@/lib/auth/sign-in.schema";
import { ProConnectSignIn } from "@/lib/auth/ui/proconnect-sign-in";
import { SignInForm } from "@/lib/auth/ui/sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const OIDC_REFUSED =
  "La connexion avec ProConnect n’a pas abouti. Si vous avez été invité sur Lauréat, vérifiez que vous utilisez la même adresse électronique, ou connectez-vous autrement.";

const NOTICES: Record<string, string> = {
  partout: "Vous êtes déconnecté de tous vos appareils.",
  modifie: "Votre mot de passe a été modifié. Connectez-vous avec le nouveau.",
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  const notice = NOTICES[String(params.deconnecte ?? params["mot-de-passe"] ?? "")];
  // next-auth's OIDC errors (refused identity, forged or expired callback): one neutral message.
  const oidcError = typeof params.error === "string";
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Lauréat</h1>
        {notice ? <Alert severity="success" small description={notice} className="fr-mb-3w" /> : null}
        {oidcError ? <Alert severity="error" small description={OIDC_REFUSED} className="fr-mb-3w" /> : null}
        {isOidcConfigured() ? (
          <section className="fr-mb-4w">
            <h2 className="fr-h5">Agents de l’État</h2>
            <ProConnectSignIn callbackUrl={callbackUrl} />
          </section>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
        <ul className="fr-links-group fr-mt-3w">
          <li>
            <Link className="fr-link" href="/connexion/mot-de-passe-oublie">
              Mot de passe oublié
            </Link>
          </li>
          <li>
            <Link className="fr-link" href="/connexion/lien-par-courriel">
              Recevoir un lien de connexion par courriel
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
