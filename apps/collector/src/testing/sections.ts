import type { ProbeSection } from "@holmes/probes/commands";

/** One command's section of a poll, as splitProbeOutput returns it: ran, answered, complete. */
export function probeSection(
  id: string,
  output: string,
  exitCode: number | null = 0,
  extra: Partial<ProbeSection> = {},
): ProbeSection {
  return {
    id,
    exitCode,
    output,
    isMissing: false,
    missingTool: null,
    isTruncated: false,
    ...extra,
  };
}
