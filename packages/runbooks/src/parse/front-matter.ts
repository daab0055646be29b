import { FINDING_OBJECT_KINDS, type FindingObjectKind } from "@holmes/core";
import { isVariableName } from "../template";
import {
  type RunbookProblem,
  type RunbookVariable,
  VARIABLE_KIND_NAMES,
  type VariableSource,
} from "../types";
import { checkVariableValue, isVariableKind } from "../variables";
import {
  asMap,
  entryOf,
  type FieldReader,
  readBoolean,
  readString,
  readStringList,
  rejectUnknownKeys,
} from "./fields";
import { parseYamlTree, type YamlValue } from "./yaml-tree";

export const RUNBOOK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const RULE_ID = /^[a-z0-9]+\.[a-z0-9_]+$/;
const FRONT_MATTER_KEYS = ["id", "title", "summary", "applies_to", "variables"] as const;
const VARIABLE_KEYS = ["name", "kind", "description", "required", "default", "from"] as const;

export type FrontMatter = {
  id: string;
  title: string;
  summary: string;
  appliesTo: string[];
  variables: RunbookVariable[];
};

/**
 * `variables` is null when the front matter could not be read as a mapping at all; otherwise it
 * holds the variables that parsed, so the steps' templates are still checked against them.
 */
export function parseFrontMatter(
  text: string,
  firstLine: number,
  problems: RunbookProblem[],
): { frontMatter: FrontMatter | null; variables: RunbookVariable[] | null } {
  const yaml = parseYamlTree(text, firstLine);
  problems.push(...yaml.problems);
  if (yaml.problems.length > 0) return { frontMatter: null, variables: null };
  const map = asMap(yaml.value, "front matter", firstLine, problems);
  if (!map) return { frontMatter: null, variables: null };
  const before = problems.length;
  const reader: FieldReader = { map, problems, what: "the front matter" };
  rejectUnknownKeys(reader, FRONT_MATTER_KEYS);
  const id = readString(reader, "id", true);
  if (id !== null && !RUNBOOK_ID.test(id)) {
    problems.push({
      line: entryOf(reader, "id")?.line ?? map.line,
      message: `id "${id}" must be lower-case words joined by "-" (e.g. md-replace-member)`,
    });
  }
  const title = readString(reader, "title", true);
  const summary = readString(reader, "summary", true);
  const appliesTo = readStringList(reader, "applies_to", true);
  for (const ruleId of appliesTo ?? []) {
    if (!RULE_ID.test(ruleId)) {
      problems.push({
        line: entryOf(reader, "applies_to")?.line ?? map.line,
        message: `"${ruleId}" is not a rule id (like md.degraded)`,
      });
    }
  }
  const variables = readVariables(entryOf(reader, "variables")?.value ?? null, problems);
  if (problems.length > before || !id || !title || !summary || !appliesTo) {
    return { frontMatter: null, variables };
  }
  return { frontMatter: { id, title, summary, appliesTo, variables }, variables };
}

function readVariables(value: YamlValue | null, problems: RunbookProblem[]): RunbookVariable[] {
  if (value === null || (value.kind === "scalar" && value.value === null)) return [];
  if (value.kind !== "list") {
    problems.push({
      line: value.line,
      message: '"variables" must be a list of "- name: …" entries',
    });
    return [];
  }
  const variables: RunbookVariable[] = [];
  for (const item of value.items) {
    const variable = readVariable(item, problems);
    if (!variable) continue;
    if (variables.some((other) => other.name === variable.name)) {
      problems.push({ line: item.line, message: `variable "${variable.name}" is declared twice` });
    }
    variables.push(variable);
  }
  return variables;
}

function readVariable(item: YamlValue, problems: RunbookProblem[]): RunbookVariable | null {
  const map = asMap(item, "a variable", item.line, problems);
  if (!map) return null;
  const before = problems.length;
  const reader: FieldReader = { map, problems, what: "the variable" };
  rejectUnknownKeys(reader, VARIABLE_KEYS);
  const name = readString(reader, "name", true);
  if (name !== null && !isVariableName(name)) {
    problems.push({
      line: entryOf(reader, "name")?.line ?? map.line,
      message: `variable name "${name}" must be lower-case letters, digits and _`,
    });
  }
  const kind = readString(reader, "kind", true);
  if (kind !== null && !isVariableKind(kind)) {
    problems.push({
      line: entryOf(reader, "kind")?.line ?? map.line,
      message: `unknown variable kind "${kind}"; one of: ${VARIABLE_KIND_NAMES.join(", ")}`,
    });
  }
  const description = readString(reader, "description", true);
  const required = readBoolean(reader, "required") ?? true;
  const defaultValue = readString(reader, "default", false);
  if (defaultValue !== null && kind !== null && isVariableKind(kind)) {
    const error = checkVariableValue(kind, defaultValue);
    if (error)
      problems.push({
        line: entryOf(reader, "default")?.line ?? map.line,
        message: `default: ${error}`,
      });
  }
  const from = readSource(entryOf(reader, "from")?.value ?? null, problems);
  if (problems.length > before || !name || !kind || !isVariableKind(kind) || !description)
    return null;
  return { name, description, kind, required, defaultValue, from };
}

const isObjectKind = (word: string): word is FindingObjectKind =>
  (FINDING_OBJECT_KINDS as readonly string[]).includes(word);

const SOURCE_HELP =
  "from: host, from: object, from: { object: [array, member] } or from: { evidence: <name> }";

function readSource(value: YamlValue | null, problems: RunbookProblem[]): VariableSource | null {
  if (value === null) return null;
  if (value.kind === "scalar" && value.value === "host") return { kind: "host" };
  if (value.kind === "scalar" && value.value === "object")
    return { kind: "object", objectKinds: [...FINDING_OBJECT_KINDS] };
  const entry = value.kind === "map" && value.entries.length === 1 ? value.entries[0] : undefined;
  const reader: FieldReader | null =
    value.kind === "map" ? { map: value, problems, what: "from" } : null;
  if (entry?.key === "evidence" && reader) {
    const name = readString(reader, "evidence", true);
    return name === null ? null : { kind: "evidence", name };
  }
  if (entry?.key === "object" && reader) {
    const kinds = readStringList(reader, "object", true) ?? [];
    const unknown = kinds.filter((kind) => !isObjectKind(kind));
    if (kinds.length > 0 && unknown.length === 0)
      return { kind: "object", objectKinds: kinds.filter(isObjectKind) };
    problems.push({
      line: entry.line,
      message: `object kinds must be some of: ${FINDING_OBJECT_KINDS.join(", ")}`,
    });
    return null;
  }
  problems.push({ line: value.line, message: `"from" must be ${SOURCE_HELP}` });
  return null;
}
