import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@holmes/api", "@holmes/core", "@holmes/db", "@holmes/ui"],
  // Native or wasm-heavy server libraries stay outside the bundle.
  serverExternalPackages: ["postgres", "@electric-sql/pglite", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
