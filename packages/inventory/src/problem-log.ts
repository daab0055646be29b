import type { ImportProblem, ImportProblemSeverity } from "./host-entry";

const TEXT_MAX = 500;

/** Lines as ssh and Ansible count them: LF or CRLF ends a line, a lone CR does not. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The problems of one import, each with the text of its line, said once, in line order. */
export class ProblemLog {
  private readonly lines: string[];
  private readonly problems: ImportProblem[] = [];
  private readonly keys = new Set<string>();

  constructor(text: string) {
    this.lines = splitLines(text);
  }

  error(line: number | null, message: string): void {
    this.add(line, "error", message);
  }

  warn(line: number | null, message: string): void {
    this.add(line, "warning", message);
  }

  add(line: number | null, severity: ImportProblemSeverity, message: string): void {
    // The same YAML node can be walked twice through aliases; say each thing once.
    const key = `${line}\u0000${severity}\u0000${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.problems.push({ line, severity, message, text: this.textOf(line) });
  }

  /** Whole-file problems (line null) first, then by line; stable within a line. */
  finish(): ImportProblem[] {
    return [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  private textOf(line: number | null): string {
    return line === null ? "" : lineExcerpt(this.lines, line);
  }
}

/** Line `line` (1-based) of `lines`, trimmed and shortened to what a problem shows. */
export function lineExcerpt(lines: readonly string[], line: number): string {
  const text = (lines[line - 1] ?? "").trim();
  return text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX - 3)}...` : text;
}
