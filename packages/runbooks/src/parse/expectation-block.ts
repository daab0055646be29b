import {
  EXPECTATIONS,
  type ExpectationFieldSpec,
  isExpectationKind,
  KERNEL_EVENT_KINDS,
  MAX_EXPECTED_COUNT,
  MD_ARRAY_STATES,
  toSnakeCase,
} from "../checks/expectation-spec";
import type { CheckProbe, CountTemplate, Expectation, ExpectedCount } from "../types";
import {
  entryOf,
  type FieldReader,
  readBoolean,
  readCount,
  readString,
  readStringList,
  rejectUnknownKeys,
} from "./fields";
import { checkTemplate, type DeclaredVariables } from "./templates";
import type { YamlEntry } from "./yaml-tree";

const VERSION = /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}$/;
const LONE_PLACEHOLDER = /^\{\{([a-z][a-z0-9_]*)\}\}$/;
/** Variables whose value can be a count; the value is checked to be one after binding. */
const COUNT_VARIABLE_KINDS: readonly string[] = ["integer", "text"];

export type ParsedExpectation = { expectation: Expectation; report: string | undefined };

/** The `expect:` mapping of a check block, validated against the expectation table. */
export function parseExpectation(
  checkReader: FieldReader,
  probe: CheckProbe,
  variables: DeclaredVariables,
): ParsedExpectation | null {
  const entry = entryOf(checkReader, "expect");
  const { problems } = checkReader;
  if (!entry) {
    problems.push({ line: checkReader.map.line, message: 'the check block needs "expect"' });
    return null;
  }
  if (entry.value.kind !== "map") {
    problems.push({
      line: entry.line,
      message: '"expect" must be a mapping, e.g. expect: { that: array-state, array: "{{array}}" }',
    });
    return null;
  }
  const reader: FieldReader = { map: entry.value, problems, what: "the expectation" };
  const that = readString(reader, "that", true);
  if (that === null) return null;
  if (!isExpectationKind(that)) {
    problems.push({
      line: entryOf(reader, "that")?.line ?? entry.line,
      message: `unknown expectation "${that}"; one of: ${Object.keys(EXPECTATIONS).join(", ")}`,
    });
    return null;
  }
  const spec = EXPECTATIONS[that];
  if (spec.probe !== probe) {
    problems.push({
      line: entryOf(reader, "that")?.line ?? entry.line,
      message: `expectation "${that}" reads the output of probe ${spec.probe}, not ${probe}`,
    });
    return null;
  }
  const fieldNames = Object.keys(spec.fields);
  rejectUnknownKeys(reader, ["that", ...fieldNames.map(toSnakeCase)]);
  const before = problems.length;
  const expectation: Record<string, unknown> = { that };
  for (const [name, fieldSpec] of Object.entries(spec.fields)) {
    const value = readField(reader, toSnakeCase(name), fieldSpec, variables);
    if (value !== null) expectation[name] = value;
  }
  const given = spec.atLeastOne?.filter((name) => expectation[name] !== undefined) ?? [null];
  if (given.length === 0) {
    problems.push({
      line: entry.line,
      message: `expectation "${that}" asserts nothing: give at least one of ${spec.atLeastOne?.map(toSnakeCase).join(", ")}`,
    });
  }
  if (problems.length > before) return null;
  // The table and the Expectation union describe the same shapes; the loop above built exactly
  // the fields the table lists for this `that`.
  return { expectation: expectation as Expectation, report: spec.report };
}

function readField(
  reader: FieldReader,
  key: string,
  spec: ExpectationFieldSpec,
  variables: DeclaredVariables,
): unknown {
  const entry = entryOf(reader, key);
  if (!entry) {
    if (spec.required)
      reader.problems.push({ line: reader.map.line, message: `the expectation needs "${key}"` });
    return null;
  }
  const problems = reader.problems;
  switch (spec.type) {
    case "boolean":
      return readBoolean(reader, key);
    case "count":
      return readCountOrVariable(reader, entry, variables);
    case "text": {
      const text = readString(reader, key, true);
      return text !== null && checkTemplate(text, entry.line, variables, problems) ? text : null;
    }
    case "text-list": {
      const list = readStringList(reader, key, true);
      if (list === null) return null;
      return list.every((item) => checkTemplate(item, entry.line, variables, problems))
        ? list
        : null;
    }
    case "kernel-events":
      return readWords(reader, key, KERNEL_EVENT_KINDS, entry.line);
    case "md-state": {
      const state = readString(reader, key, true);
      return state !== null && oneOf(reader, state, MD_ARRAY_STATES, entry.line) ? state : null;
    }
    case "version": {
      const version = readString(reader, key, true);
      if (version !== null && VERSION.test(version)) return version;
      if (version !== null)
        problems.push({ line: entry.line, message: `"${key}" must be a version such as 2.6.21` });
      return null;
    }
  }
}

/**
 * A count: a whole number, or a lone `{{variable}}` of kind integer or text (quoted in YAML,
 * `raid_disks: "{{raid_devices}}"`), whose bound value `resolveCheck` checks is a whole number.
 */
function readCountOrVariable(
  reader: FieldReader,
  entry: YamlEntry,
  variables: DeclaredVariables,
): ExpectedCount | null {
  const { value } = entry;
  if (value.kind !== "scalar" || typeof value.value !== "string") {
    return readCount(reader, entry.key, MAX_EXPECTED_COUNT);
  }
  const text = value.value.trim();
  const name = LONE_PLACEHOLDER.exec(text)?.[1];
  const problem = (message: string) => {
    reader.problems.push({ line: entry.line, message });
    return null;
  };
  if (name === undefined) {
    return problem(
      `"${entry.key}" must be a whole number or a single quoted {{variable}} such as "{{count}}", not ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  const variable = variables.get(name);
  if (!variable) {
    return problem(`{{${name}}} is not a declared variable (declare it under "variables:")`);
  }
  if (!COUNT_VARIABLE_KINDS.includes(variable.kind)) {
    return problem(
      `"${entry.key}" is a count: {{${name}}} is a ${variable.kind} variable; use one of kind integer`,
    );
  }
  return `{{${name}}}` satisfies CountTemplate;
}

function readWords(
  reader: FieldReader,
  key: string,
  allowed: readonly string[],
  line: number,
): string[] | null {
  const words = readStringList(reader, key, true);
  if (words === null) return null;
  if (words.length === 0) {
    reader.problems.push({ line, message: `"${key}" needs at least one entry` });
    return null;
  }
  return words.every((word) => oneOf(reader, word, allowed, line)) ? words : null;
}

function oneOf(
  reader: FieldReader,
  word: string,
  allowed: readonly string[],
  line: number,
): boolean {
  if (allowed.includes(word)) return true;
  const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(", ")}, …` : allowed.join(", ");
  reader.problems.push({ line, message: `"${word}" is not one of ${shown}` });
  return false;
}
