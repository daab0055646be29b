/**
 * The dependency direction of STYLE.md §3. `npm test` runs this; a wrong-direction import fails
 * the build. npm workspaces hoist packages, so an undeclared import would still resolve: this
 * check is the real guard.
 */
const pkg = (name) => `^(packages|apps)/${name}/`;
const holmes = (name) => `^(packages|apps)/${name}/|node_modules/@holmes/${name}/`;

const forbidden = [
  {
    name: "core-is-a-leaf",
    comment: "core is isomorphic: no other Holmes package, no node:*, no react/next",
    from: { path: pkg("core") },
    to: { path: ["^(packages|apps)/(?!core/)", "node_modules/(react|next)/"] },
  },
  {
    name: "core-is-a-leaf",
    comment: "core runs in the browser too: no Node built-ins",
    from: { path: pkg("core") },
    to: { dependencyTypes: ["core"] },
  },
  {
    name: "probes-imports-only-core",
    from: { path: pkg("probes") },
    to: { path: [holmes("(db|api|ui|web|collector|cli)"), "node_modules/(react|next)/"] },
  },
  {
    name: "findings-imports-only-core",
    comment: "findings rules are pure functions over a host's state: no I/O, no database",
    from: { path: pkg("findings") },
    to: {
      path: [holmes("(probes|db|api|ui|web|collector|cli)"), "node_modules/(react|next)/"],
    },
  },
  {
    name: "findings-are-pure",
    from: { path: pkg("findings") },
    to: { dependencyTypes: ["core"] },
  },
  {
    name: "inventory-imports-only-core",
    comment: "pure text → hosts importers (core, yaml, zod): the API may use them, SSH stays out",
    from: { path: pkg("inventory") },
    to: {
      path: [
        "^(packages|apps)/(?!(core|inventory)/)",
        "node_modules/(?!(@holmes/core|yaml|zod|vitest|fast-check)/)",
      ],
    },
  },
  {
    name: "runbooks-imports-only-core-and-yaml",
    comment: "runbooks are pure data and functions (core, yaml); tests may use probes' parsers",
    from: { path: pkg("runbooks"), pathNot: "(\\.test\\.ts|/vitest\\.config\\.ts)$" },
    to: {
      path: ["^(packages|apps)/(?!(core|runbooks)/)", "node_modules/(?!(@holmes/core|yaml)/)"],
    },
  },
  {
    name: "runbooks-are-isomorphic",
    comment: "only the ./files export reads the disk",
    from: { path: pkg("runbooks"), pathNot: ["^packages/runbooks/src/files/", "\\.test\\.ts$"] },
    to: { dependencyTypes: ["core"] },
  },
  {
    name: "db-imports-only-core",
    from: { path: pkg("db") },
    to: {
      path: [holmes("(probes|findings|api|ui|web|collector|cli)"), "node_modules/(react|next)/"],
    },
  },
  {
    name: "api-imports-core-and-db",
    comment: "the API never opens SSH, never renders, never reads next/headers",
    from: { path: pkg("api") },
    to: { path: [holmes("(probes|ui|web|collector|cli)"), "node_modules/(react|next)/"] },
  },
  {
    name: "ui-imports-only-core",
    from: { path: pkg("ui") },
    to: { path: holmes("(db|api|probes|findings|web|collector|cli)") },
  },
  {
    name: "web-never-touches-db-or-probes",
    comment: "the web process holds no SSH keys and builds no SQL",
    from: { path: pkg("web"), pathNot: ["^apps/web/src/server/", "^apps/web/e2e/"] },
    to: { path: holmes("(db|probes|collector|cli)") },
  },
  {
    name: "web-server-glue-only",
    comment: "only the server glue may build the database client",
    from: { path: "^apps/web/src/server/" },
    to: { path: holmes("(probes|collector|cli)") },
  },
  {
    name: "web-client-imports-api-types-only",
    comment: "value imports of @holmes/api only from trpc/server.tsx, server/ and app/api/**",
    from: {
      path: pkg("web"),
      pathNot: [
        "^apps/web/src/trpc/server\\.tsx$",
        "^apps/web/src/server/",
        "^apps/web/src/app/api/",
        "^apps/web/e2e/",
      ],
    },
    to: { path: holmes("api"), dependencyTypesNot: ["type-only"] },
  },
  {
    name: "collector-never-imports-api-ui-web",
    from: { path: pkg("collector") },
    to: { path: holmes("(api|ui|web|cli)") },
  },
  {
    name: "cli-never-imports-web-or-ui",
    from: { path: pkg("cli") },
    to: { path: holmes("(ui|web)") },
  },
  { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
];

module.exports = {
  forbidden: forbidden.map((rule) => ({ severity: "error", ...rule })),
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["\\.next/", "node_modules/\\.cache"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "types", "default"],
    },
    preserveSymlinks: false,
  },
};
