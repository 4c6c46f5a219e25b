import type { Metadata } from "next";

/**
 * What `generateMetadata` returns for an address that has nothing to show
 * (unknown call, results under embargo). It must NOT call `notFound()`: Next.js
 * has no not-found boundary around metadata, so a 404 thrown there is answered
 * with a bare error document (`<html id="__next_error__">`) that only the
 * browser fills in — no server-rendered French 404, no DSFR attributes, and
 * react-dsfr's colour-scheme check fails on it. The page itself then calls
 * `notFound()`, which its segment's boundary renders on the server.
 */
export const NOT_FOUND_METADATA: Metadata = {
  title: "Page non trouvée",
  robots: { index: false, follow: false },
};
