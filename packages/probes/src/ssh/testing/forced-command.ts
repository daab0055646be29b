/**
 * The OpenSSH test host's forced command (`command="node --import tsx forced-command.ts <dir>"` in
 * authorized_keys). sshd runs this instead of what the client asked for, with the request in
 * SSH_ORIGINAL_COMMAND: it accepts only a composite probe (through the real `parseComposite`) and
 * answers it from the canned outputs in <dir>, framed exactly as the shell would frame them.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandInvocation } from "../../commands/allowlist";
import { parseComposite } from "../../commands/composite";
import { type ProbeSection, renderProbeOutput } from "../../commands/probe-output";
import {
  CANNED_FILE,
  type CannedHost,
  INVOCATIONS_FILE,
  type InvocationRecord,
} from "./canned-host";
import { forcedCommandEnv } from "./env";

/** A hung command is released when the client closes the channel, or after this at the latest. */
const MAX_HANG_MS = 60_000;

const dir = process.argv[2] ?? ".";
const canned = JSON.parse(readFileSync(join(dir, CANNED_FILE), "utf8")) as CannedHost;
const invocations = parseComposite(forcedCommandEnv.originalCommand ?? "");
const record: InvocationRecord = {
  pid: process.pid,
  connection: forcedCommandEnv.connection,
  isAccepted: invocations !== null,
  ids: invocations?.map((invocation) => invocation.id) ?? [],
};
appendFileSync(join(dir, INVOCATIONS_FILE), `${JSON.stringify(record)}\n`);

if (invocations === null) {
  process.stderr.write("holmes test host: not a composite probe, refused\n");
  process.exitCode = 2;
} else {
  answer(invocations);
}

function answer(requested: CommandInvocation[]): void {
  const sections: ProbeSection[] = [];
  for (const invocation of requested) {
    for (let step: CommandInvocation | null = invocation; step; step = step.fallback) {
      if (isHung(step)) {
        hang(sections, step);
        return;
      }
      const section = cannedSection(step);
      sections.push(section);
      if (section.exitCode === 0) break;
    }
  }
  process.stdout.write(renderProbeOutput(sections));
}

function cannedSection(step: CommandInvocation): ProbeSection {
  const tool = step.argv[0] ?? "";
  const base = { id: step.id, isTruncated: false, missingTool: null, isMissing: false };
  if (canned.missingTools?.includes(tool)) {
    return { ...base, exitCode: null, output: "", isMissing: true, missingTool: tool };
  }
  const output = canned.outputs[step.id] ?? canned.outputs[step.commandId] ?? "";
  const exitCode = canned.exitCodes?.[step.id] ?? canned.exitCodes?.[step.commandId] ?? 0;
  return { ...base, output, exitCode };
}

function isHung(step: CommandInvocation): boolean {
  return canned.hang === step.id || canned.hang === step.commandId;
}

/** Prints what came before, opens the hung section, and never finishes it. */
function hang(before: ProbeSection[], step: CommandInvocation): void {
  const opened: ProbeSection = {
    id: step.id,
    exitCode: null,
    output: "",
    isMissing: false,
    missingTool: null,
    isTruncated: true,
  };
  process.stdout.write(renderProbeOutput([...before, opened]));
  const release = () => process.exit(0);
  setTimeout(release, MAX_HANG_MS);
  process.stdin.on("end", release).on("close", release).resume();
  process.stdout.on("error", release);
}
