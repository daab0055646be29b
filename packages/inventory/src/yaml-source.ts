/*
 * A parsed YAML text for the importers: nodes with their line numbers, aliases resolved, and
 * errors reported as problems. Nodes are read, never converted with toJS(), so every problem can
 * name its line and a hostile file (alias bombs, `a: &x {b: *x}`) only spends a fixed budget.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  Scalar,
  visit,
} from "yaml";
import { quote } from "./host-fields";
import type { ProblemLog } from "./problem-log";

export type YamlPair = { key: unknown; value: unknown };
type ProblemSink = Pick<ProblemLog, "error" | "warn">;

// A walk without aliases resolves each node about once, so the budget scales with the file;
// only alias expansion (an "alias bomb") can exceed it.
const BUDGET_PER_NODE = 4;
const BUDGET_BASE = 100_000;

export class YamlSource {
  private readonly aliases: Map<Alias, Node>;
  private readonly budget: number;
  private visited = 0;
  private isOverBudget = false;

  private constructor(
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly problems: ProblemSink,
  ) {
    const { aliases, nodeCount } = resolveAliases(doc);
    this.aliases = aliases;
    this.budget = BUDGET_BASE + BUDGET_PER_NODE * nodeCount;
  }

  /** Parses one document; null (after reporting) when the text has YAML errors. */
  static parse(text: string, problems: ProblemSink): YamlSource | null {
    const lineCounter = new LineCounter();
    let doc: Document.Parsed;
    try {
      // uniqueKeys compares each key with every earlier one, quadratic in a mapping's size
      // (seconds for 20,000 hosts); pairsOf() finds repeated keys with a Set instead.
      doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
    } catch (error) {
      // The yaml package reports syntax errors in doc.errors; a throw would be its own bug, and
      // an importer must still answer with a problem rather than fail the request.
      const reason = error instanceof Error ? error.message : "unknown error";
      problems.error(null, `the YAML parser failed: ${reason}`);
      return null;
    }
    for (const error of doc.errors) problems.error(errorLine(error.linePos), describe(error));
    for (const warning of doc.warnings)
      problems.warn(errorLine(warning.linePos), describe(warning));
    return doc.errors.length > 0 ? null : new YamlSource(doc, lineCounter, problems);
  }

  /** The node itself or its alias target; null once the node budget is spent. */
  resolve(node: unknown): Node | null {
    if (this.isOverBudget) return null;
    if (++this.visited > this.budget) {
      this.isOverBudget = true;
      const message = `aliases expand the file to more than ${this.budget} YAML nodes; the rest was skipped`;
      this.problems.error(null, message);
      return null;
    }
    const resolved = isAlias(node) ? this.aliases.get(node) : node;
    return isNode(resolved) ? resolved : null;
  }

  /** The pairs of a mapping, a repeated key reported and dropped; null for any other node. */
  pairsOf(node: Node): YamlPair[] | null {
    if (!isMap(node)) return null;
    const seen = new Map<string, number | null>();
    return node.items.filter((pair) => {
      const key = this.keyText(pair.key);
      if (key === null) return true;
      const line = this.lineOf(pair.key);
      if (!seen.has(key)) return seen.set(key, line) !== undefined;
      const first = seen.get(key);
      const where = first === null || first === undefined ? "" : ` (first on line ${first})`;
      this.problems.error(
        line,
        `YAML key ${quote(key)} is repeated in its mapping${where}; ignored`,
      );
      return false;
    });
  }

  isEmpty(node: Node | null): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  /** A scalar key as written, so `01:` stays "01" rather than the YAML integer 1. */
  keyText(key: unknown): string | null {
    const node = this.resolve(key);
    if (node === null || !isScalar(node) || node.value === null) return null;
    return node.source ?? String(node.value);
  }

  /** A scalar's value (plain numbers as written, `007` stays "007"), or the node itself. */
  valueOf(node: unknown): unknown {
    const resolved = this.resolve(node);
    if (resolved === null || !isScalar(resolved)) return resolved;
    const { value } = resolved;
    const isPlainNumber = typeof value === "number" && resolved.type === Scalar.PLAIN;
    return isPlainNumber ? (resolved.source ?? String(value)) : value;
  }

  lineOf(node: unknown): number | null {
    const range = isNode(node) ? node.range : null;
    return range ? this.lineCounter.linePos(range[0]).line : null;
  }
}

function errorLine(linePos: ReadonlyArray<{ line: number }> | undefined): number | null {
  return linePos?.[0]?.line ?? null;
}

function describe(error: { code: string; message: string }): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document";
  // Pretty messages end with " at line L, column C:" and a code excerpt; the problem has both.
  const first = error.message.split("\n")[0] ?? error.message;
  return `YAML: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}

/**
 * Maps every alias to its anchor in one pass: the last node with that anchor before the alias,
 * as YAML defines it. Alias.resolve() would walk the whole document again for each alias.
 */
function resolveAliases(doc: Document.Parsed): { aliases: Map<Alias, Node>; nodeCount: number } {
  const anchors = new Map<string, Node>();
  const resolved = new Map<Alias, Node>();
  let nodeCount = 0;
  visit(doc, {
    Node(_key, node) {
      nodeCount++;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) resolved.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return { aliases: resolved, nodeCount };
}
