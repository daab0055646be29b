import { describeParseError, type ParseResult } from "@holmes/core";
import type { CommandInvocation, ProbeSection } from "@holmes/probes/commands";
import { answeringForm, type FormsWithFallback } from "../command-forms";

/** One command of a poll and what came back for it (undefined: no section in the output). */
export type PolledCommand = { invocation: CommandInvocation; section: ProbeSection | undefined };

export type ParseProblem = { commandId: string; message: string };

/**
 * Reads a poll's sections by command id, parsing each on demand (once: discovery and the snapshot
 * both read lsblk and mdstat) and collecting what failed: a parse error is kept with the command
 * that produced it, and the rest of the poll goes on.
 */
export class PollReader {
  readonly problems: ParseProblem[] = [];
  readonly missingTools = new Set<string>();
  private readonly byId = new Map<string, PolledCommand>();
  private readonly parsed = new Map<string, Map<unknown, unknown>>();

  constructor(commands: readonly PolledCommand[]) {
    this.add(commands);
  }

  /** More of the poll's commands: the details, once discovery has said which to ask for. */
  add(commands: readonly PolledCommand[]): void {
    for (const command of commands) {
      const { id } = command.invocation;
      this.byId.set(id, command);
      this.parsed.delete(id);
      this.parsed.delete(`${id}\0any`);
      if (command.section?.isMissing && command.section.missingTool) {
        this.missingTools.add(command.section.missingTool);
      }
    }
  }

  /** Ids present in the poll with the given command id (e.g. every `smartctl:/dev/…`). */
  idsOf(commandId: string): string[] {
    return [...this.byId.values()]
      .filter((c) => c.invocation.commandId === commandId)
      .map((c) => c.invocation.id);
  }

  /** The raw output of a command that ran and exited 0, or null. */
  text(id: string): string | null {
    const section = this.byId.get(id)?.section;
    if (!section || section.isMissing || section.isTruncated) return null;
    return section.exitCode === 0 ? section.output : null;
  }

  /** Output regardless of exit status (smartctl uses its exit code as a bitmask). */
  anyOutput(id: string): string | null {
    const section = this.byId.get(id)?.section;
    if (!section || section.isMissing || section.isTruncated || section.output.trim() === "")
      return null;
    return section.output;
  }

  parse<T>(
    id: string,
    parser: (text: string) => ParseResult<T>,
    options: { anyExitCode?: boolean } = {},
  ): T | null {
    const slot = options.anyExitCode ? `${id}\0any` : id;
    const byParser = this.parsed.get(slot) ?? new Map<unknown, unknown>();
    this.parsed.set(slot, byParser);
    if (byParser.has(parser)) return byParser.get(parser) as T | null;
    const value = this.parseOnce(id, parser, options);
    byParser.set(parser, value);
    return value;
  }

  /**
   * What `parser` gave for `id` earlier in this poll, if it read this very `text`; undefined if
   * it has not. Parses nothing and notes no problem: for later readers of the same outputs.
   */
  parsedBefore<T>(
    id: string,
    text: string,
    parser: (text: string) => ParseResult<T>,
  ): T | null | undefined {
    const byParser = this.parsed.get(id);
    if (!byParser?.has(parser) || this.text(id) !== text) return undefined;
    return byParser.get(parser) as T | null;
  }

  private parseOnce<T>(
    id: string,
    parser: (text: string) => ParseResult<T>,
    options: { anyExitCode?: boolean },
  ): T | null {
    const command = this.byId.get(id);
    const text = options.anyExitCode ? this.anyOutput(id) : this.text(id);
    if (text === null) {
      this.noteFailure(id, command);
      return null;
    }
    const result = parser(text);
    if (result.ok) return result.value;
    this.problems.push({ commandId: id, message: describeParseError(result.error) });
    return null;
  }

  /**
   * A command run as `primary || fallback`, read in the form that answered (see
   * command-forms.ts). Only the answer that counts can make the poll partial: a refused JSON
   * flag answered by its fallback is not a problem.
   */
  parseWithFallback<T>(forms: FormsWithFallback<T>): T | null {
    const form = answeringForm(forms, (id) => this.byId.get(id)?.section !== undefined);
    return this.parse(form.id, form.parser);
  }

  private noteFailure(id: string, command: PolledCommand | undefined) {
    const section = command?.section;
    if (!command || !section || section.isMissing) return;
    if (section.isTruncated)
      this.problems.push({ commandId: id, message: "output ended before the command finished" });
    else if (section.exitCode !== 0) {
      const firstLine = section.output.trim().split("\n")[0] ?? "";
      this.problems.push({
        commandId: id,
        message: `exit ${section.exitCode}: ${firstLine.slice(0, 200)}`,
      });
    }
  }
}
