// Loads a TypeScript entry point as one JavaScript module, without tsx in the process.
//
// tsx compiles each module as it is loaded, on a loader thread of its own that lives as long as
// the process, and keeps every module's source map. `holmes collector` took 150 MB of RSS once
// loaded that way, 85 MB bundled; at 1,000 hosts its peak RSS was 26-47 MB lower (bench/collect).
// So the collector's TypeScript (ours; node_modules stay as they are) is bundled by esbuild when
// it starts, which takes well under a second, and imported from a temporary file.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The packages of this repository, written in TypeScript; everything else is loaded as is. */
const OWN_PACKAGE = /^@holmes\//;

/**
 * Bundles `entryUrl` (a .ts file) with what it imports from this repository and imports it.
 * Throws if esbuild cannot bundle it; the caller decides whether to fall back to tsx.
 */
export async function importBundled(entryUrl) {
  const { build, stop } = await import("esbuild");
  let result;
  try {
    result = await build({
      entryPoints: [fileURLToPath(entryUrl)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      write: false,
      logLevel: "silent",
      plugins: [keepPackagesWhereTheyAre, keepOwnLocations],
    });
  } finally {
    // esbuild's service is a process of its own (some 50 MB) that would otherwise live on.
    await stop();
  }
  const [output] = result.outputFiles;
  // A directory of its own, gone once loaded: every start bundles afresh, so nothing goes stale.
  const directory = await mkdtemp(join(tmpdir(), "holmes-bundle-"));
  try {
    const file = join(directory, "entry.mjs");
    await writeFile(file, output.contents);
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Packages from node_modules are not bundled but imported from where esbuild resolved them, by
 * absolute URL: the bundle lives in a temporary directory, where a bare name would not resolve.
 */
const keepPackagesWhereTheyAre = {
  name: "keep-packages-where-they-are",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("node:") || OWN_PACKAGE.test(args.path)) return undefined;
      if (args.pluginData === "resolving") return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // Node's own modules (fs, not node:fs) resolve to no file.
      if (!isAbsolute(resolved.path)) return { path: args.path, external: true };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

/**
 * Our modules find files beside themselves (the raw-output thread, migrations, runbooks) through
 * `import.meta`; in a bundle that would be the bundle's location, so each gets its own back.
 */
const keepOwnLocations = {
  name: "keep-own-locations",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path));
      return { contents, loader: "ts" };
    });
  },
};
