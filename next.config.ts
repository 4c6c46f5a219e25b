import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Routes and pages render on the server; the DSFR package ships ESM + SCSS.
  transpilePackages: ["@codegouvfr/react-dsfr"],
  poweredByHeader: false,
  typedRoutes: false,
  // pg, the PGlite server and exceljs (streams, zip) are Node libraries, never bundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "exceljs", "@aws-sdk/client-s3"],
  experimental: {
    // The cached public pages and data (lib/publication/publication.cache.ts)
    // are derived from the database: kept in memory, they never outlive the
    // process, so a restored or reseeded database cannot be shadowed by a
    // cached page from another one (the results embargo included).
    isrFlushToDisk: false,
    // The proxy buffers request bodies up to this size and silently truncates
    // beyond it: just above an attachment's 10 MiB limit, so that the upload's
    // own byte counter sees an oversize file and refuses it (lib/files).
    proxyClientMaxBodySize: "11mb",
  },
};

export default nextConfig;
