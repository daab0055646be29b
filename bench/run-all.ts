/**
 * `npm run bench`: every bench in turn, each in its own process so one's memory and CPU never
 * colour another's figures. Pass names to run some: `npm run bench -- parsers incidents`.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const BENCHES = ["parsers", "api", "incidents", "collect", "runbook-checks"] as const;
const chosen = process.argv
  .slice(2)
  .filter((name) => (BENCHES as readonly string[]).includes(name));
let failed = 0;
for (const name of chosen.length > 0 ? chosen : BENCHES) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", resolve(import.meta.dirname, `${name}.ts`)],
    { stdio: "inherit" },
  );
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
