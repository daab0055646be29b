import { CHECK_PROBES, isCheckProbe } from "../checks/probes";
import type { CheckProbe, RunbookCheck, RunbookProblem } from "../types";
import { parseExpectation } from "./expectation-block";
import { asMap, entryOf, type FieldReader, readString, rejectUnknownKeys } from "./fields";
import type { FencedBlock } from "./markdown";
import { checkTemplate, type DeclaredVariables } from "./templates";
import { parseYamlTree, type YamlMap } from "./yaml-tree";

const CHECK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CHECK_KEYS = ["id", "description", "probe", "args", "expect"] as const;

/** A ```check block: YAML naming the probe, its arguments and the expectation. */
export function parseCheckBlock(
  block: FencedBlock,
  variables: DeclaredVariables,
  problems: RunbookProblem[],
): RunbookCheck | null {
  const before = problems.length;
  const yaml = parseYamlTree(block.content, block.line + 1);
  problems.push(...yaml.problems);
  if (yaml.problems.length > 0) return null;
  const map = asMap(yaml.value, "a check block", block.line, problems);
  if (!map) return null;
  const reader: FieldReader = { map, problems, what: "the check block" };
  rejectUnknownKeys(reader, CHECK_KEYS);
  const id = readString(reader, "id", true);
  if (id !== null && !CHECK_ID.test(id)) {
    problems.push({
      line: entryOf(reader, "id")?.line ?? map.line,
      message: `check id "${id}" must be lower-case words joined by "-"`,
    });
  }
  const description = readString(reader, "description", true);
  if (description !== null)
    checkTemplate(
      description,
      entryOf(reader, "description")?.line ?? map.line,
      variables,
      problems,
    );
  const probe = readProbe(reader);
  const args = probe ? readArgs(reader, probe, variables) : null;
  const expect = probe ? parseExpectation(reader, probe, variables) : null;
  if (problems.length > before || !id || !description || !probe || !args || !expect) return null;
  if (expect.report && args.report && args.report !== expect.report) {
    const line = entryOf(reader, "args")?.line ?? map.line;
    problems.push({
      line,
      message: `expectation "${expect.expectation.that}" reads the ${expect.report} report, not ${args.report}`,
    });
    return null;
  }
  if (expect.report) args.report = expect.report;
  return { id, description, probe, args, expect: expect.expectation, line: block.line };
}

function readProbe(reader: FieldReader): CheckProbe | null {
  const probe = readString(reader, "probe", true);
  if (probe === null) return null;
  if (isCheckProbe(probe)) return probe;
  reader.problems.push({
    line: entryOf(reader, "probe")?.line ?? reader.map.line,
    message: `unknown probe "${probe}"; one of: ${Object.keys(CHECK_PROBES).join(", ")}`,
  });
  return null;
}

function readArgs(
  reader: FieldReader,
  probe: CheckProbe,
  variables: DeclaredVariables,
): Record<string, string> | null {
  const spec = CHECK_PROBES[probe].args;
  const entry = entryOf(reader, "args");
  const map: YamlMap =
    entry?.value.kind === "map"
      ? entry.value
      : { kind: "map", line: entry?.line ?? reader.map.line, entries: [] };
  if (
    entry &&
    entry.value.kind !== "map" &&
    !(entry.value.kind === "scalar" && entry.value.value === null)
  ) {
    reader.problems.push({
      line: entry.line,
      message: `"args" must be a mapping, e.g. args: { array: "{{array}}" }`,
    });
    return null;
  }
  const argsReader: FieldReader = {
    map,
    problems: reader.problems,
    what: `the args of probe ${probe}`,
  };
  rejectUnknownKeys(argsReader, Object.keys(spec));
  const args: Record<string, string> = {};
  let isValid = true;
  for (const [name, argSpec] of Object.entries(spec)) {
    const value = readString(argsReader, name, argSpec.required);
    const line = entryOf(argsReader, name)?.line ?? map.line;
    if (value === null) {
      isValid &&= !argSpec.required;
      continue;
    }
    const { accepts } = argSpec;
    if (typeof accepts === "string") {
      isValid = checkTemplate(value, line, variables, reader.problems, accepts) && isValid;
    } else if (!accepts.oneOf.includes(value)) {
      reader.problems.push({
        line,
        message: `"${name}" must be one of ${accepts.oneOf.join(", ")}`,
      });
      isValid = false;
    }
    args[name] = value;
  }
  return isValid ? args : null;
}
