import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Routes and pages render on the server; the DSFR package ships ESM + SCSS.
  transpilePackages: ["@codegouvfr/react-dsfr"],
  poweredByHeader: false,
  typedRoutes: false,
  // pg and the PGlite server are Node libraries, never bundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2"],
};

export default nextConfig;
