"use client";
import { HeaderQuickAccessItem } from "@codegouvfr/react-dsfr/Header";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Asks next-auth for the session in the browser, so that public pages stay
 * static (and cacheable) instead of reading cookies on the server.
 */
export function HeaderAuthItem() {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  // The layout survives client navigations (sign-in, sign-out): ask again on each.
  const pathname = usePathname();
  useEffect(() => {
    let cancelled = false;
    fetch("/api/auth/session", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { userId?: string } | null) => !cancelled && setSignedIn(!!s?.userId))
      .catch(() => !cancelled && setSignedIn(false));
    return () => {
      cancelled = true;
    };
  }, [pathname]);
  return signedIn ? (
    <HeaderQuickAccessItem quickAccessItem={{ iconId: "fr-icon-account-circle-line", text: "Mon espace", linkProps: { href: "/espace" } }} />
  ) : (
    <HeaderQuickAccessItem quickAccessItem={{ iconId: "fr-icon-lock-line", text: "Se connecter", linkProps: { href: "/connexion" } }} />
  );
}
