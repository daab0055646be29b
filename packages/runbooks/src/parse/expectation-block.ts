import {
  EXPECTATIONS,
  type ExpectationFieldSpec,
  isExpectationKind,
  KERNEL_EVENT_KINDS,
  MD_ARRAY_STATES,
  toSnakeCase,
} from "../checks/expectation-spec";
import type { CheckProbe, Expectation } from "../types";
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

const VERSION = /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}$/;
const MAX_COUNT = 1_000_000_000;

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
      return readCount(reader, key, MAX_COUNT);
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
