import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { RunbookProblem } from "../types";

/**
 * YAML (front matter, check and gate blocks) as a small tree that remembers the source line of
 * every value, so each complaint can name the line an author has to fix.
 */
export type YamlScalar = {
  kind: "scalar";
  line: number;
  value: string | number | boolean | null;
  /** The text as written, for numbers: `version: 3.10` must read as "3.10", not 3.1. */
  source?: string;
};
export type YamlList = { kind: "list"; line: number; items: YamlValue[] };
export type YamlEntry = { key: string; line: number; value: YamlValue };
export type YamlMap = { kind: "map"; line: number; entries: YamlEntry[] };
export type YamlValue = YamlScalar | YamlList | YamlMap;

export type YamlParse = { value: YamlValue | null; problems: RunbookProblem[] };

/** `firstLine` is the source line of the YAML text's first line. */
export function parseYamlTree(text: string, firstLine: number): YamlParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const problems: RunbookProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    problems.push({ line: toLine(error.pos[0]), message: `YAML: ${firstSentence(error.message)}` });
  }
  if (problems.length > 0) return { value: null, problems };
  const value = doc.contents ? toTree(doc.contents, toLine, firstLine, problems) : null;
  return { value, problems };
}

function toTree(
  node: Node | null,
  toLine: (offset: number) => number,
  fallbackLine: number,
  problems: RunbookProblem[],
): YamlValue {
  const line = node?.range ? toLine(node.range[0]) : fallbackLine;
  if (node === null) return { kind: "scalar", line, value: null };
  if (isAlias(node)) {
    problems.push({ line, message: "YAML aliases (*name) are not allowed in runbooks" });
    return { kind: "scalar", line, value: null };
  }
  if (isScalar(node)) {
    const value = scalarValue(node.value);
    return typeof value === "number" && node.source !== undefined
      ? { kind: "scalar", line, value, source: node.source }
      : { kind: "scalar", line, value };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => toTree(item as Node | null, toLine, line, problems));
    return { kind: "list", line, items };
  }
  if (isMap(node)) {
    const entries: YamlEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyLine = keyNode?.range ? toLine(keyNode.range[0]) : line;
      const key = isScalar(keyNode) ? keyNode.value : null;
      if (typeof key !== "string") {
        problems.push({ line: keyLine, message: "keys must be plain words" });
        continue;
      }
      entries.push({
        key,
        line: keyLine,
        value: toTree(pair.value as Node | null, toLine, keyLine, problems),
      });
    }
    return { kind: "map", line, entries };
  }
  problems.push({ line, message: "unsupported YAML value" });
  return { kind: "scalar", line, value: null };
}

function scalarValue(value: unknown): YamlScalar["value"] {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return String(value);
}

function firstSentence(message: string): string {
  return message.split("\n")[0] ?? message;
}
