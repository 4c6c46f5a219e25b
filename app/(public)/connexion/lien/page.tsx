import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/sign-in.schema";
import { MagicLinkConfirmForm } from "@/lib/auth/ui/email-link-forms";

export const metadata: Metadata = { title: "Connexion par lien", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MagicLinkPage({ searchParams }: Props) {
  const { jeton, callbackUrl } = await searchParams;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Lauréat</h1>
        <p>Confirmez pour vous connecter avec le lien reçu par courriel.</p>
        <MagicLinkConfirmForm
          token={typeof jeton === "string" ? jeton : ""}
          callbackUrl={safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : null)}
        />
      </div>
    </div>
  );
}
