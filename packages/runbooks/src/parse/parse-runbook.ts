import { sha256Hex } from "../sha256";
import type {
  DestructiveGate,
  ParseRunbookResult,
  RunbookCheck,
  RunbookProblem,
  RunbookSource,
  RunbookStep,
} from "../types";
import { parseCheckBlock } from "./check-block";
import { destructiveCommands } from "./destructive";
import { parseFrontMatter } from "./front-matter";
import { parseGateBlock } from "./gate-block";
import { type StepSection, splitRunbook } from "./markdown";
import { checkTemplate, type DeclaredVariables } from "./templates";

/** Runbooks are short; a megabyte of Markdown is a mistake (or an attack on the editor). */
export const MAX_RUNBOOK_BYTES = 256 * 1024;

/**
 * Parses one runbook. Never throws: every problem comes back with its 1-based line, all of them
 * at once. `source` says where the text came from (a file path or a custom runbook's version).
 */
export function parseRunbook(text: string, source: RunbookSource | string): ParseRunbookResult {
  const runbookSource: RunbookSource =
    typeof source === "string" ? { kind: "file", path: source } : source;
  if (text.length > MAX_RUNBOOK_BYTES) {
    return {
      ok: false,
      errors: [{ line: 1, message: `runbook is larger than ${MAX_RUNBOOK_BYTES} bytes` }],
    };
  }
  const split = splitRunbook(text);
  const problems: RunbookProblem[] = [...split.problems];
  const head = split.frontMatter
    ? parseFrontMatter(split.frontMatter.text, split.frontMatter.firstLine, problems)
    : null;
  // Without readable front matter every {{placeholder}} would look undeclared: report the
  // front matter alone and let the author fix it first.
  if (!head?.variables) return { ok: false, errors: sortProblems(problems) };
  const { frontMatter } = head;
  const variables: DeclaredVariables = new Map(head.variables.map((v) => [v.name, v]));
  if (split.steps.length === 0) {
    problems.push({
      line: split.frontMatter?.firstLine ?? 1,
      message: 'a runbook needs at least one step: a "## " heading',
    });
  }
  const steps = split.steps.map((section, index) => parseStep(section, index, variables, problems));
  rejectDuplicateCheckIds(steps, problems);
  if (problems.length > 0 || !frontMatter) {
    return { ok: false, errors: sortProblems(problems) };
  }
  return {
    ok: true,
    runbook: { ...frontMatter, steps, source: runbookSource, contentHash: sha256Hex(text) },
  };
}

function parseStep(
  section: StepSection,
  index: number,
  variables: DeclaredVariables,
  problems: RunbookProblem[],
): RunbookStep {
  if (section.title === "")
    problems.push({ line: section.line, message: "a step heading needs a title" });
  const commands = section.blocks.filter((block) => block.info === "sh");
  const gates = section.blocks.filter((block) => block.info === "gate");
  for (const extra of [...commands.slice(1), ...gates.slice(1)]) {
    problems.push({
      line: extra.line,
      message: `a step has at most one \`\`\`${extra.info} block; split it into two steps`,
    });
  }
  const commandBlock = commands[0];
  const command = commandBlock?.content.trim() || null;
  if (commandBlock && command === null)
    problems.push({ line: commandBlock.line, message: "the ```sh block is empty" });
  if (commandBlock && command) checkTemplate(command, commandBlock.line, variables, problems);
  const checks = section.blocks
    .filter((block) => block.info === "check")
    .map((block) => parseCheckBlock(block, variables, problems))
    .filter((check): check is RunbookCheck => check !== null);
  const gate: DestructiveGate | null = gates[0]
    ? parseGateBlock(gates[0], variables, problems)
    : null;
  const dangerous = command ? destructiveCommands(command) : [];
  if (dangerous.length > 0 && gates.length === 0) {
    problems.push({
      line: commandBlock?.line ?? section.line,
      message: `${dangerous.join(", ")} can destroy data: mark the step destructive with a \`\`\`gate block`,
    });
  }
  if (section.prose === "" && section.blocks.length === 0) {
    problems.push({
      line: section.line,
      message: `step "${section.title}" is empty: add instructions, a command or a check`,
    });
  }
  return {
    index,
    title: section.title,
    bodyMarkdown: section.prose,
    command,
    checks,
    destructive: gate,
    line: section.line,
  };
}

function rejectDuplicateCheckIds(steps: RunbookStep[], problems: RunbookProblem[]): void {
  const seen = new Set<string>();
  for (const check of steps.flatMap((step) => step.checks)) {
    if (seen.has(check.id))
      problems.push({
        line: check.line,
        message: `check id "${check.id}" is used twice in this runbook`,
      });
    seen.add(check.id);
  }
}

function sortProblems(problems: RunbookProblem[]): RunbookProblem[] {
  const unique = new Map(
    problems.map((problem) => [`${problem.line}\u0000${problem.message}`, problem]),
  );
  return [...unique.values()].sort((a, b) => a.line - b.line);
}
