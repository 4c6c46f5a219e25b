"use client";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { signIn } from "next-auth/react";
import { OIDC_PROVIDER_ID_CLIENT } from "../oidc.constants";

export function ProConnectSignIn({ callbackUrl }: { callbackUrl: string }) {
  return <ProConnectButton onClick={() => void signIn(OIDC_PROVIDER_ID_CLIENT, { callbackUrl })} />;
}
