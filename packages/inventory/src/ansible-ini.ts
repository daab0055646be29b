/*
 * Imports an Ansible INI inventory (ansible-core `ini` inventory plugin, 2.14–2.17):
 *
 *   mgmt01 ansible_host=10.0.0.5          # before any section: group "ungrouped"
 *   [storage]
 *   stor-[01:12].example.com ansible_user=ops
 *   [storage:vars]
 *   ansible_port=2222
 *   [dc1:children]
 *   storage
 *
 * Host lines split like Python's shlex (quotes, `#` comments); `;` comments a whole line. Ansible
 * stops at the first bad line; Holmes reports it and goes on, so the preview shows every problem.
 */
import { AnsibleInventory } from "./ansible-model";
import { setVar, type VarScope } from "./ansible-vars";
import type { ImportPreview } from "./host-entry";
import { quote } from "./host-fields";
import { expandHostPattern } from "./host-range";
import { PreviewBuilder } from "./preview-builder";
import { splitLines } from "./problem-log";
import { splitWords } from "./split-words";

type SectionKind = "hosts" | "vars" | "children" | "unknown";
type Section = { group: string; kind: SectionKind };
type LineContext = { inventory: AnsibleInventory; builder: PreviewBuilder; line: number };

// The section header regex of ansible-core's ini plugin, plus `;` comments.
const SECTION_PATTERN = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:[#;].*)?$/;
const VAR_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function importAnsibleIni(text: string): ImportPreview {
  const builder = new PreviewBuilder(text, "ansible-ini");
  const inventory = new AnsibleInventory(builder);
  let section: Section = { group: "ungrouped", kind: "hosts" };
  splitLines(text).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    const context = { inventory, builder, line: index + 1 };
    const header = SECTION_PATTERN.exec(trimmed);
    if (header !== null) {
      section = readSection(header[1] ?? "", header[2], context);
    } else if (section.kind === "hosts") {
      readHostLine(section.group, trimmed, context);
    } else if (section.kind === "vars") {
      readVarLine(section.group, trimmed, context);
    } else if (section.kind === "children") {
      readChildLine(section.group, trimmed, context);
    }
  });
  inventory.finish();
  return builder.finish();
}

function readSection(group: string, suffix: string | undefined, context: LineContext): Section {
  const kind = suffix === undefined ? "hosts" : suffix;
  if (kind !== "hosts" && kind !== "vars" && kind !== "children") {
    context.builder.error(
      context.line,
      `section type ${quote(kind)} is not hosts, vars or children; its lines were skipped`,
    );
    return { group, kind: "unknown" };
  }
  context.inventory.group(group, context.line);
  return { group, kind };
}

function readHostLine(group: string, text: string, context: LineContext): void {
  const { inventory, builder, line } = context;
  const parsed = parseHostLine(text);
  if (typeof parsed === "string") {
    builder.error(line, `host line skipped: ${parsed}`);
    return;
  }
  const vars: VarScope = new Map();
  if (parsed.port !== null) {
    // `host:2222` sets ansible_port, but an explicit ansible_port on the same line wins.
    const value = String(parsed.port);
    setVar(vars, { field: "port", key: "ansible_port", value, reason: null, line, rank: 0 });
  }
  for (const word of parsed.assignments) {
    const equals = word.indexOf("=");
    inventory.readVar(vars, word.slice(0, equals), word.slice(equals + 1), line);
  }
  for (const name of parsed.names) inventory.addHost(group, name, vars, line);
}

/** The hosts and `key=value` words of a host line, or why the line is unusable. */
function parseHostLine(
  text: string,
): { names: string[]; port: number | null; assignments: string[] } | string {
  const split = splitWords(text, "shell");
  if (!split.ok) return split.reason;
  const [pattern, ...assignments] = split.words;
  // A line that is only a comment after splitting has nothing to import.
  if (pattern === undefined) return { names: [], port: null, assignments: [] };
  const expanded = expandHostPattern(pattern);
  if (!expanded.ok) return expanded.reason;
  const bad = assignments.find((word) => !isAssignment(word));
  if (bad !== undefined) return `${quote(bad)} is not key=value`;
  return { names: expanded.names, port: expanded.port, assignments };
}

function isAssignment(word: string): boolean {
  const equals = word.indexOf("=");
  return equals > 0 && VAR_NAME_PATTERN.test(word.slice(0, equals));
}

function readVarLine(group: string, text: string, { inventory, builder, line }: LineContext): void {
  const equals = text.indexOf("=");
  const key = text.slice(0, Math.max(equals, 0)).trim();
  // Ansible evaluates the value as a Python literal; for the strings Holmes reads, that means
  // quotes are removed. An unquoted ` #` starts a comment, as on host lines.
  const value = splitWords(text.slice(equals + 1), "shell");
  if (equals < 0 || !VAR_NAME_PATTERN.test(key)) {
    builder.error(line, `this line in [${group}:vars] is not key=value; skipped`);
  } else if (!value.ok) {
    builder.error(line, `${key} skipped: ${value.reason}`);
  } else {
    inventory.readVar(inventory.group(group, line).vars, key, value.words.join(" "), line);
  }
}

function readChildLine(
  group: string,
  text: string,
  { inventory, builder, line }: LineContext,
): void {
  const child = /^([^:\]\s#;]+)\s*(?:[#;].*)?$/.exec(text)?.[1];
  if (child === undefined) {
    builder.error(line, `${quote(text)} is not a group name; [${group}:children] line skipped`);
  } else {
    inventory.addChild(group, child, line);
  }
}
