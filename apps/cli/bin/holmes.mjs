#!/usr/bin/env node
// The `holmes` command: Holmes is TypeScript source end to end, compiled on load by tsx; the
// long-running collector is bundled first instead, which costs it far less memory
// (import-bundled.mjs).
import { register } from "tsx/esm/api";

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "collector") {
  process.exitCode = await runCollector();
} else {
  register();
  const { main } = await import("../src/main.ts");
  process.exitCode = await main(args);
}

async function runCollector() {
  const entry = new URL("../src/commands/collector.ts", import.meta.url);
  let command;
  try {
    const { importBundled } = await import("./import-bundled.mjs");
    command = await importBundled(entry);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `holmes collector: could not bundle (${reason}); loading it through tsx, which takes more memory`,
    );
    register();
    command = await import(entry.href);
  }
  return command.collectorCommand();
}
