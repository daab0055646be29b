import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseRunbook } from "../parse/parse-runbook";
import type { Runbook } from "../types";

export type RunbookFileProblem = { file: string; line: number; message: string };

export type RunbookDirectory = { runbooks: Runbook[]; problems: RunbookFileProblem[] };

/**
 * Reads and parses every `*.md` in the directory (not recursing; README.md is documentation, not
 * a runbook). A file that fails to parse is left out and reported with its line; two files with
 * the same id are both reported and the second is left out.
 */
export async function loadRunbookDirectory(directory: string): Promise<RunbookDirectory> {
  const names = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md") && entry.name !== "README.md")
    .map((entry) => entry.name)
    .sort();
  const runbooks: Runbook[] = [];
  const problems: RunbookFileProblem[] = [];
  const fileOfId = new Map<string, string>();
  for (const name of names) {
    const file = `${path.basename(directory)}/${name}`;
    const result = parseRunbook(await readFile(path.join(directory, name), "utf8"), file);
    if (!result.ok) {
      problems.push(...result.errors.map((error) => ({ file, ...error })));
      continue;
    }
    const earlier = fileOfId.get(result.runbook.id);
    if (earlier) {
      problems.push({
        file,
        line: 1,
        message: `id "${result.runbook.id}" is already used by ${earlier}`,
      });
      continue;
    }
    fileOfId.set(result.runbook.id, file);
    runbooks.push(result.runbook);
  }
  return { runbooks, problems };
}
