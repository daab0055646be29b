import {
  type CommandInvocation,
  type ProbeSection,
  parseComposite,
  renderProbeOutput,
} from "../commands";
import type { CommandOutput, HostModel } from "../simulate";
import { readsClock, renderCommand } from "../simulate";

/**
 * What a simulated host prints for one exec: the collector only ever sends composite probes, so
 * anything else is refused the way a restricted shell would. Each invocation is rendered from
 * the host's model; a failed one with a fallback runs the fallback, as `a || b` does in sh.
 */
export function answerExec(
  host: HostModel,
  command: string,
  atMs: number,
  staticOutputs?: StaticOutputs,
): { stdout: string; exitCode: number } {
  const invocations = parsedScript(command);
  if (!invocations)
    return { stdout: "holmes-sim: only Holmes probe scripts are answered here\n", exitCode: 126 };
  const sections: ProbeSection[] = [];
  for (const invocation of invocations) {
    let current: CommandInvocation | null = invocation;
    while (current) {
      const section = runOne(host, current, atMs, staticOutputs);
      sections.push(section);
      current = section.exitCode === 0 ? null : current.fallback;
    }
  }
  return { stdout: renderProbeOutput(sections), exitCode: 0 };
}

/**
 * Checking a script against the allowlist (parse, then rebuild it with composeProbe) cost the sim
 * about 0.6 ms, CPU that a real fleet spends on its own machines, not beside the collector it is
 * benchmarked with. A new fleet's first polls all send one script (discovery, the whole boot
 * log); later scripts differ poll to poll by the kernel log's start, so this helps the first
 * cycle most. Results are kept per script text, the oldest dropped past the bound.
 */
const parsedScripts = new Map<string, CommandInvocation[] | null>();
const PARSED_SCRIPTS_KEPT = 4_096;

function parsedScript(script: string): CommandInvocation[] | null {
  if (parsedScripts.has(script)) return parsedScripts.get(script) ?? null;
  const invocations = parseComposite(script);
  if (parsedScripts.size >= PARSED_SCRIPTS_KEPT) {
    const oldest = parsedScripts.keys().next();
    if (!oldest.done) parsedScripts.delete(oldest.value);
  }
  parsedScripts.set(script, invocations);
  return invocations;
}

/**
 * The outputs of one host that only a scenario could change, by argv: for a host without one,
 * everything but what `readsClock` names is rendered once. Rendering lsblk, mdadm and LVM output
 * anew on every poll was half the sim's CPU in a steady cycle, which a real fleet spends on its
 * own machines, not beside the collector it is benchmarked with.
 */
export type StaticOutputs = Map<string, CommandOutput>;

function renderOnce(
  host: HostModel,
  argv: readonly string[],
  atMs: number,
  staticOutputs: StaticOutputs | undefined,
): CommandOutput {
  if (!staticOutputs || readsClock(argv)) return renderCommand(host, argv, atMs);
  const key = argv.join("\0");
  const known = staticOutputs.get(key);
  if (known) return known;
  const output = flattened(renderCommand(host, argv, atMs));
  staticOutputs.set(key, output);
  return output;
}

/**
 * The renderers build their text piece by piece, and V8 keeps such a string as a tree of pieces.
 * Joining a kept tree into each poll's stdout walked it again on every poll (up to 0.7 ms a poll,
 * some 40% of the sim's busy time in a steady cycle); a kept output is copied into one flat string
 * once.
 */
function flattened(output: CommandOutput): CommandOutput {
  if ("missing" in output) return output;
  return { ...output, stdout: Buffer.from(output.stdout, "utf8").toString("utf8") };
}

function runOne(
  host: HostModel,
  invocation: CommandInvocation,
  atMs: number,
  staticOutputs: StaticOutputs | undefined,
): ProbeSection {
  const output = renderOnce(host, invocation.argv, atMs, staticOutputs);
  if ("missing" in output) {
    return {
      id: invocation.id,
      exitCode: null,
      output: "",
      isMissing: true,
      missingTool: invocation.argv[0] ?? "",
      isTruncated: false,
    };
  }
  // The real script prints a newline before the end marker; the splitter strips exactly one.
  return {
    id: invocation.id,
    exitCode: output.exitCode,
    output: output.stdout,
    isMissing: false,
    missingTool: null,
    isTruncated: false,
  };
}
