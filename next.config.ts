import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Routes and pages render on the server; the DSFR package ships ESM + SCSS.
  transpilePackages: ["@codegouvfr/react-dsfr"],
  poweredByHeader: false,
  typedRoutes: false,
  // pg, the PGlite server and exceljs (streams, zip) are Node libraries, never bundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "exceljs"],
  experimental: {
    // The cached public pages and data (lib/publication/publication.cache.ts)
    // are derived from the database: kept in memory, they never outlive the
    // process, so a restored or reseeded database cannot be shadowed by a
    // cached page from another one (the results embargo included).
    isrFlushToDisk: false,
  },
};

export default nextConfig;
