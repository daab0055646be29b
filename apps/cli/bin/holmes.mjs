#!/usr/bin/env node
// The `holmes` command: Holmes is TypeScript source end to end, compiled on load by tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
