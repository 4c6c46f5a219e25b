import { Display, headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/dsfr-head";
import { DsfrProvider, StartDsfrOnHydration } from "@/components/dsfr/dsfr-provider";
import { HeaderAuthItem } from "@/components/header-auth-item";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lauréat — appels à projets", template: "%s — Lauréat" },
  description: "Lauréat : déposer, instruire, auditionner et publier les lauréats des appels à projets publics.",
};

const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);
const HOME_LINK = { href: "/", title: "Accueil — Lauréat" };

/**
 * Reads the request's CSP nonce (proxy.ts), so pages render per request: a
 * prerendered page could not carry a fresh nonce. The exceptions are the
 * published results and laureate pages (force-static, decision 017): there
 * headers() is empty, no nonce is read and the policy allows their inline scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = "fr";
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead nonce={nonce} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang} doCheckNonce={nonce !== undefined}>
          <StartDsfrOnHydration />
          <SkipLinks
            links={[
              { label: "Contenu", anchor: "#contenu" },
              { label: "Pied de page", anchor: "#pied-de-page" },
            ]}
          />
          <Header
            brandTop={BRAND_TOP}
            serviceTitle="Lauréat"
            serviceTagline="Les appels à projets de l’État, du dépôt à la publication des lauréats"
            homeLinkProps={HOME_LINK}
            quickAccessItems={[headerFooterDisplayItem, <HeaderAuthItem key="auth" />]}
          />
          <main id="contenu" tabIndex={-1} className="fr-container fr-my-6w">
            {children}
          </main>
          <Footer
            id="pied-de-page"
            brandTop={BRAND_TOP}
            homeLinkProps={HOME_LINK}
            accessibility="partially compliant"
            accessibilityLinkProps={{ href: "/accessibilite" }}
            termsLinkProps={{ href: "/mentions-legales" }}
            websiteMapLinkProps={{ href: "/plan-du-site" }}
            contentDescription="Lauréat accompagne un appel à projets public de bout en bout : dépôt des dossiers par les administrations, instruction, audition par le jury et publication des lauréats en données ouvertes."
            bottomItems={[
              { text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } },
              headerFooterDisplayItem,
            ]}
          />
          <Display />
        </DsfrProvider>
      </body>
    </html>
  );
}
