// Starts collector-worker.ts the way `holmes collector` starts (apps/cli/bin/import-bundled.mjs):
// bundled, without tsx in the process, so the worker's memory is the shipped collector's.
import { importBundled } from "../../apps/cli/bin/import-bundled.mjs";

await importBundled(new URL("./collector-worker.ts", import.meta.url));
