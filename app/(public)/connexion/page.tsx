import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/sign-in.schema";
import { SignInForm } from "@/lib/auth/ui/sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Lauréat</h1>
        <SignInForm callbackUrl={safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : null)} />
      </div>
    </div>
  );
}
