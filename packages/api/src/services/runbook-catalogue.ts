import { createHash } from "node:crypto";
import { AppError } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { listCustomRunbooks } from "@holmes/db/queries/runbook-custom";
import { type Catalogue, mergeCatalogue, parseRunbook, type Runbook } from "@holmes/runbooks";
import {
  loadRunbookDirectory,
  type RunbookDirectory,
  resolveRunbookDirectory,
} from "@holmes/runbooks/files";

/**
 * The one catalogue people pick from: the shipped runbook files and the custom runbooks admins
 * wrote in the UI (their newest versions), merged so ids stay unique across both.
 */
export async function loadCatalogue(db: Database, directory?: string): Promise<Catalogue> {
  const [files, customRows] = await Promise.all([
    readRunbookFiles(resolveRunbookDirectory(directory)),
    listCustomRunbooks(db),
  ]);
  const custom: Runbook[] = [];
  const problems: Catalogue["problems"] = files.problems.map((problem) => ({
    runbookId: problem.file,
    message: `${problem.file}:${problem.line}: ${problem.message}`,
  }));
  for (const row of customRows) {
    const parsed = parseRunbook(row.markdown, { kind: "custom", version: row.version });
    if (parsed.ok) {
      custom.push(parsed.runbook);
    } else {
      const first = parsed.errors[0];
      problems.push({
        runbookId: row.id,
        message: `custom:${row.id} v${row.version}: line ${first?.line}: ${first?.message}`,
      });
    }
  }
  const merged = mergeCatalogue(files.runbooks, custom);
  return { runbooks: merged.runbooks, problems: [...problems, ...merged.problems] };
}

/** A missing or unreadable directory is a catalogue problem to show, not a broken page. */
async function readRunbookFiles(directory: string): Promise<RunbookDirectory> {
  try {
    return await loadRunbookDirectory(directory);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { runbooks: [], problems: [{ file: directory, line: 0, message: reason }] };
  }
}

export function runbookFromCatalogue(catalogue: Catalogue, id: string): Runbook {
  const runbook = catalogue.runbooks.find((candidate) => candidate.id === id);
  if (!runbook) {
    throw new AppError("NOT_FOUND", {
      message: `runbook ${id} not found`,
      userMessage: `No runbook "${id}" in the catalogue.`,
    });
  }
  return runbook;
}

/** What an admin's save is checked against: it must parse, and not take a file runbook's id. */
export function validateCustomRunbook(
  markdown: string,
  catalogue: Catalogue,
  editingId: string | null,
): { runbook: Runbook; contentHash: string } {
  const parsed = parseRunbook(markdown, { kind: "custom", version: 0 });
  if (!parsed.ok) {
    const lines = parsed.errors.map((error) => `line ${error.line}: ${error.message}`);
    throw new AppError("BAD_REQUEST", {
      message: `custom runbook does not parse: ${lines.join("; ")}`,
      userMessage: lines.join("\n"),
    });
  }
  const { runbook } = parsed;
  if (editingId !== null && runbook.id !== editingId) {
    throw new AppError("BAD_REQUEST", {
      message: `custom runbook id changed from ${editingId} to ${runbook.id}`,
      userMessage: `line 2: the id must stay "${editingId}"; save a new runbook to use another id.`,
    });
  }
  const clash = catalogue.runbooks.find(
    (other) => other.id === runbook.id && other.source.kind === "file",
  );
  if (clash) {
    throw new AppError("BAD_REQUEST", {
      message: `custom runbook id ${runbook.id} is a file runbook's`,
      userMessage: `line 2: the id "${runbook.id}" belongs to a shipped runbook; choose another.`,
    });
  }
  const contentHash = createHash("sha256").update(markdown, "utf8").digest("hex");
  return { runbook, contentHash };
}
