/** Bundles a TypeScript entry point (ours bundled, node_modules left as they are) and imports it. */
export function importBundled(entryUrl: URL): Promise<Record<string, unknown>>;
