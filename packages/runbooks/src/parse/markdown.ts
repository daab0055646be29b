import type { RunbookProblem } from "../types";

/**
 * Splits a runbook file into front matter and `## ` steps, and each step into its prose and the
 * fenced blocks Holmes reads. Headings inside fenced blocks are not headings (CommonMark §4.5),
 * which matters: sample output in a ```text block may well contain `## `.
 */

export type FencedBlock = {
  /** The first word of the info string, lower-cased: `sh`, `check`, `gate`, `text`, ``. */
  info: string;
  content: string;
  /** Line of the opening fence; the content starts on the next line. */
  line: number;
};

export type StepSection = {
  title: string;
  line: number;
  /** The step's Markdown with the Holmes blocks (sh, check, gate) taken out. */
  prose: string;
  blocks: FencedBlock[];
};

export type SplitRunbook = {
  frontMatter: { text: string; firstLine: number } | null;
  steps: StepSection[];
  problems: RunbookProblem[];
};

export const HOLMES_BLOCKS = ["sh", "check", "gate"] as const;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const STEP_HEADING = /^ {0,3}##(?:[ \t]+(.*?))?[ \t#]*$/;

export function splitRunbook(text: string): SplitRunbook {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const problems: RunbookProblem[] = [];
  const frontMatter = readFrontMatter(lines, problems);
  const bodyStart = frontMatter ? frontMatter.endIndex + 1 : 0;
  const steps = readSteps(lines, bodyStart, problems);
  return {
    frontMatter: frontMatter ? { text: frontMatter.text, firstLine: 2 } : null,
    steps,
    problems,
  };
}

function readFrontMatter(
  lines: string[],
  problems: RunbookProblem[],
): { text: string; endIndex: number } | null {
  if (lines[0]?.trimEnd() !== "---") {
    problems.push({ line: 1, message: "a runbook starts with YAML front matter: a line `---`" });
    return null;
  }
  const endIndex = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (endIndex === -1) {
    problems.push({ line: 1, message: "front matter is not closed: add a line `---` after it" });
    return null;
  }
  return { text: lines.slice(1, endIndex).join("\n"), endIndex };
}

type OpenStep = { title: string; line: number; prose: string[]; blocks: FencedBlock[] };

function readSteps(lines: string[], start: number, problems: RunbookProblem[]): StepSection[] {
  const steps: OpenStep[] = [];
  let index = start;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    const fence = line.match(FENCE_OPEN);
    const current = steps.at(-1);
    if (fence) {
      const block = readFence(lines, index, fence[1] ?? "```", (fence[2] ?? "").toLowerCase());
      if (!block.closed) {
        problems.push({
          line: index + 1,
          message: `code block opened here is never closed (${fence[1]})`,
        });
      }
      if (!current) {
        if (isHolmesBlock(block.block.info)) {
          problems.push({
            line: index + 1,
            message: `a \`\`\`${block.block.info} block must be inside a step (after a "## " heading)`,
          });
        }
      } else if (isHolmesBlock(block.block.info)) {
        current.blocks.push(block.block);
      } else {
        current.prose.push(...lines.slice(index, block.nextIndex));
      }
      index = block.nextIndex;
      continue;
    }
    const heading = line.match(STEP_HEADING);
    if (heading) {
      steps.push({ title: (heading[1] ?? "").trim(), line: index + 1, prose: [], blocks: [] });
    } else {
      current?.prose.push(line);
    }
    index += 1;
  }
  return steps.map(({ title, line, prose, blocks }) => ({
    title,
    line,
    prose: prose.join("\n").trim(),
    blocks,
  }));
}

function isHolmesBlock(info: string): boolean {
  return (HOLMES_BLOCKS as readonly string[]).includes(info);
}

function readFence(
  lines: string[],
  openIndex: number,
  fence: string,
  info: string,
): { block: FencedBlock; nextIndex: number; closed: boolean } {
  const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
  let index = openIndex + 1;
  while (index < lines.length && !closing.test(lines[index] ?? "")) index += 1;
  const closed = index < lines.length;
  const content = lines.slice(openIndex + 1, index).join("\n");
  return {
    block: { info, content, line: openIndex + 1 },
    nextIndex: closed ? index + 1 : index,
    closed,
  };
}
