"use client";
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import Link from "next/link";
import type { ReactNode } from "react";
import { defaultColorScheme } from "./default-color-scheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export function DsfrProvider({ lang, doCheckNonce, children }: { lang: string; doCheckNonce?: boolean; children: ReactNode }) {
  return (
    <DsfrProviderBase lang={lang} defaultColorScheme={defaultColorScheme} Link={Link} doCheckNonce={doCheckNonce}>
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
