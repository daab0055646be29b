import { fillTemplate } from "../template";
import type {
  Bindings,
  Expectation,
  ResolveCheckResult,
  ResolvedExpectation,
  RunbookCheck,
} from "../types";
import { checkVariableValue } from "../variables";
import { EXPECTATIONS, MAX_EXPECTED_COUNT, toSnakeCase } from "./expectation-spec";
import { CHECK_PROBES } from "./probes";

/** Expectation text is compared with what parsers report, never run; still, keep it to names. */
const COMPARABLE_TEXT = /^[A-Za-z0-9_.,:@+=/ -]{1,255}$/;
const WHOLE_NUMBER = /^[0-9]{1,10}$/;

/**
 * A check made concrete for one run: templates filled from validated bindings, every probe
 * argument validated again by its kind (the argument goes to a host), and the allowlisted
 * command named for the collector.
 */
export function resolveCheck(check: RunbookCheck, bindings: Bindings): ResolveCheckResult {
  const errors: string[] = [];
  const spec = CHECK_PROBES[check.probe];
  const args: Record<string, string> = {};
  for (const [name, argSpec] of Object.entries(spec.args)) {
    const template = check.args[name] ?? argSpec.defaultValue;
    if (template === undefined) continue;
    const value = fill(template, bindings, errors, `argument ${name}`);
    if (value === null) continue;
    const { accepts } = argSpec;
    const error =
      typeof accepts === "string"
        ? checkVariableValue(accepts, value)
        : accepts.oneOf.includes(value)
          ? null
          : `expected one of ${accepts.oneOf.join(", ")}`;
    if (error) errors.push(`argument ${name}: ${error}`);
    else args[name] = value;
  }
  const description = fill(check.description, bindings, errors, "description") ?? check.description;
  const expect = resolveExpectation(check.expect, bindings, errors);
  if (errors.length > 0 || !expect) return { ok: false, errors };
  const sinceMinutes = check.probe === "kmsg" ? Number(args.since_minutes) : null;
  const command = { ...spec.commandFor(args), sinceMinutes };
  return {
    ok: true,
    check: { id: check.id, description, probe: check.probe, args, command, expect },
  };
}

function resolveExpectation(
  expect: Expectation,
  bindings: Bindings,
  errors: string[],
): ResolvedExpectation | null {
  const fields = EXPECTATIONS[expect.that].fields;
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expect)) {
    if (key === "that") resolved[key] = value;
    else if (typeof value === "string" && fields[key]?.type === "count")
      resolved[key] = fillCount(value, bindings, errors, toSnakeCase(key));
    else if (typeof value === "string")
      resolved[key] = fillComparable(value, bindings, errors, key);
    else if (Array.isArray(value))
      resolved[key] = value.flatMap((item: string) => fillList(item, bindings, errors, key));
    else resolved[key] = value;
  }
  // Same keys as the input, only strings replaced and counts made numbers: still the same member
  // of the union, now with numeric counts.
  return errors.length > 0 ? null : (resolved as ResolvedExpectation);
}

/** A count written as `{{variable}}`: its value must be a whole number, checked here. */
function fillCount(
  template: string,
  bindings: Bindings,
  errors: string[],
  what: string,
): number | null {
  const value = fill(template, bindings, errors, what);
  if (value === null) return null;
  const count = WHOLE_NUMBER.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (Number.isInteger(count) && count <= MAX_EXPECTED_COUNT) return count;
  errors.push(
    `${what}: ${template} is ${JSON.stringify(value.slice(0, 40))}, not a whole number from 0 to ${MAX_EXPECTED_COUNT}`,
  );
  return null;
}

/** A list item that is just `{{devices}}` of a list variable contributes every device. */
function fillList(template: string, bindings: Bindings, errors: string[], what: string): string[] {
  const lone = template.match(/^\{\{([a-z][a-z0-9_]*)\}\}$/)?.[1];
  const value = lone !== undefined && Object.hasOwn(bindings, lone) ? bindings[lone] : undefined;
  if (Array.isArray(value))
    return value.map((item: string) => fillComparable(item, {}, errors, what));
  return [fillComparable(template, bindings, errors, what)];
}

function fillComparable(
  template: string,
  bindings: Bindings,
  errors: string[],
  what: string,
): string {
  const value = fill(template, bindings, errors, what);
  if (value !== null && !COMPARABLE_TEXT.test(value))
    errors.push(`${what}: ${JSON.stringify(value.slice(0, 80))} is not a plain name`);
  return value ?? template;
}

function fill(template: string, bindings: Bindings, errors: string[], what: string): string | null {
  const filled = fillTemplate(template, bindings);
  if (typeof filled === "string") return filled;
  errors.push(`${what}: no value bound for {{${filled.missing}}}`);
  return null;
}
