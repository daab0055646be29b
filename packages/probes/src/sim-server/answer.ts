import {
  type CommandInvocation,
  type ProbeSection,
  parseComposite,
  renderProbeOutput,
} from "../commands";
import type { HostModel } from "../simulate";
import { renderCommand } from "../simulate";

/**
 * What a simulated host prints for one exec: the collector only ever sends composite probes, so
 * anything else is refused the way a restricted shell would. Each invocation is rendered from
 * the host's model; a failed one with a fallback runs the fallback, as `a || b` does in sh.
 */
export function answerExec(
  host: HostModel,
  command: string,
  atMs: number,
): { stdout: string; exitCode: number } {
  const invocations = parseComposite(command);
  if (!invocations)
    return { stdout: "holmes-sim: only Holmes probe scripts are answered here\n", exitCode: 126 };
  const sections: ProbeSection[] = [];
  for (const invocation of invocations) {
    let current: CommandInvocation | null = invocation;
    while (current) {
      const section = runOne(host, current, atMs);
      sections.push(section);
      current = section.exitCode === 0 ? null : current.fallback;
    }
  }
  return { stdout: renderProbeOutput(sections), exitCode: 0 };
}

function runOne(host: HostModel, invocation: CommandInvocation, atMs: number): ProbeSection {
  const output = renderCommand(host, invocation.argv, atMs);
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
