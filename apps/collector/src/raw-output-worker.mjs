// The thread of RawOutputEncoder (raw-output-encoder.ts). JavaScript that loads the TypeScript
// as the `holmes` command does (apps/cli/bin/holmes.mjs), so the thread starts alike under node,
// tsx and vitest.
import { register } from "tsx/esm/api";

register();
await import("./raw-output-thread.ts");
