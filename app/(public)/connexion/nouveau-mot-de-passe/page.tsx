import type { Metadata } from "next";
import { NewPasswordForm } from "@/lib/auth/ui/email-link-forms";

export const metadata: Metadata = { title: "Nouveau mot de passe", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewPasswordPage({ searchParams }: Props) {
  const { jeton } = await searchParams;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Choisir un nouveau mot de passe</h1>
        <NewPasswordForm token={typeof jeton === "string" ? jeton : ""} />
      </div>
    </div>
  );
}
