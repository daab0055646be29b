/**
 * The framing of a composite probe's stdout, and its inverse. Every command's output sits between
 * a begin and an end marker, each printed on a line of its own with a newline on both sides, so the
 * output comes back byte for byte even when a command's last line has no trailing newline:
 *
 *   \n@@holmes-begin mdstat\n<output>\n@@holmes-end mdstat 0\n
 *   \n@@holmes-begin smartctl:/dev/sda\n\n@@holmes-missing smartctl:/dev/sda smartctl\n
 *
 * Anything before the first begin marker (a login banner from a shell rc file) is ignored.
 */

export const MARKER_PREFIX = "@@holmes-";
export const BEGIN_MARKER = `${MARKER_PREFIX}begin`;
export const END_MARKER = `${MARKER_PREFIX}end`;
export const MISSING_MARKER = `${MARKER_PREFIX}missing`;

export type ProbeSection = {
  id: string;
  /** Null when the command never ran (missing tool) or its end marker never arrived. */
  exitCode: number | null;
  output: string;
  isMissing: boolean;
  /** The tool `command -v` could not find (the command itself, or `sudo`). */
  missingTool: string | null;
  /** The stream ended before this section's end marker: output is what arrived. */
  isTruncated: boolean;
};

const MARKER_LINE = /\n@@holmes-(begin|end|missing) (\S+)(?: (\S+))?\n/g;

type OpenSection = { id: string; outputStart: number };

export function splitProbeOutput(stdout: string): ProbeSection[] {
  const sections: ProbeSection[] = [];
  let open: OpenSection | null = null;
  for (const match of stdout.matchAll(MARKER_LINE)) {
    const [line, kind, id = "", extra] = match;
    const at = match.index;
    if (kind === "begin") {
      if (open) sections.push(truncatedSection(open.id, stdout.slice(open.outputStart, at)));
      open = { id, outputStart: at + line.length };
    } else if (open && open.id === id && kind === "missing" && at === open.outputStart) {
      sections.push({ ...emptySection(id), isMissing: true, missingTool: extra ?? null });
      open = null;
    } else if (open && open.id === id && kind === "end" && extra && /^\d{1,3}$/.test(extra)) {
      const output = stdout.slice(open.outputStart, at);
      sections.push({ ...emptySection(id), output, exitCode: Number(extra) });
      open = null;
    }
    // Any other marker-looking line is a command's own output that happens to look like one.
  }
  if (open)
    sections.push(truncatedSection(open.id, stripPartialMarker(stdout.slice(open.outputStart))));
  return sections;
}

/** The stdout a composite would print for these sections: for the simulated fleet and tests. */
export function renderProbeOutput(sections: readonly ProbeSection[]): string {
  return sections
    .map((section) => {
      const begin = `\n${BEGIN_MARKER} ${section.id}\n`;
      if (section.isMissing) {
        return `${begin}\n${MISSING_MARKER} ${section.id} ${section.missingTool ?? "unknown"}\n`;
      }
      if (section.isTruncated || section.exitCode === null) return `${begin}${section.output}`;
      return `${begin}${section.output}\n${END_MARKER} ${section.id} ${section.exitCode}\n`;
    })
    .join("");
}

function emptySection(id: string): ProbeSection {
  return {
    id,
    exitCode: null,
    output: "",
    isMissing: false,
    missingTool: null,
    isTruncated: false,
  };
}

function truncatedSection(id: string, output: string): ProbeSection {
  return { ...emptySection(id), output, isTruncated: true };
}

/**
 * A stream cut inside a marker line leaves `\n@@holmes-en` (or just `\n@`): framing, not output.
 * A genuine last line `@` of a truncated section goes too, which costs nothing: it is cut anyway.
 */
function stripPartialMarker(output: string): string {
  const lastBreak = output.lastIndexOf("\n");
  const tail = output.slice(lastBreak + 1);
  const isPartialMarker =
    tail.startsWith(MARKER_PREFIX) || (tail !== "" && MARKER_PREFIX.startsWith(tail));
  return isPartialMarker && lastBreak !== -1 ? output.slice(0, lastBreak) : output;
}
