/**
 * Test helpers: run a command against a simulated host the way the collector would, and unwrap
 * parser results with a readable failure. Not used at run time.
 */
import { describeParseError, type ParseResult } from "@holmes/core";
import type { HostModel } from "../model";
import { renderCommand } from "../render/command";

export const LSBLK_ARGV = [
  "lsblk",
  "-J",
  "-b",
  "-o",
  "NAME,KNAME,PATH,TYPE,SIZE,SERIAL,WWN,MODEL,FSTYPE,MOUNTPOINT,PKNAME,MAJ:MIN,RO,ROTA,TRAN",
];

export const lvmArgv = (tool: "pvs" | "vgs" | "lvs") => [
  tool,
  "--reportformat",
  "json",
  "--units",
  "b",
  "--nosuffix",
];
export const smartArgv = (disk: string) => [
  "smartctl",
  "--json=c",
  "-x",
  "--nocheck=standby",
  `/dev/${disk}`,
];
export const journalArgv = (sinceMs: number) => [
  "journalctl",
  "-k",
  "-o",
  "short-iso",
  "--since",
  `@${Math.floor(sinceMs / 1000)}`,
  "--no-pager",
];

export function run(
  host: HostModel,
  argv: readonly string[],
  atMs: number,
): { stdout: string; exitCode: number } {
  const result = renderCommand(host, argv, atMs);
  if ("missing" in result) throw new Error(`${argv[0]} is missing on ${host.hostname}`);
  return result;
}

export function parsedOk<T>(result: ParseResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${describeParseError(result.error)}`);
  return result.value;
}

export function stdoutOf(result: ReturnType<typeof renderCommand>): string {
  if ("missing" in result) throw new Error("command missing");
  return result.stdout;
}
