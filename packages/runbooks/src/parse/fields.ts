import type { RunbookProblem } from "../types";
import type { YamlEntry, YamlMap, YamlValue } from "./yaml-tree";

/**
 * Reading typed fields out of a YAML map while collecting every problem with its line, so an
 * author sees all mistakes of a file in one test run rather than one per run.
 */
export type FieldReader = {
  map: YamlMap;
  problems: RunbookProblem[];
  /** What the map is, for messages: "front matter", "check block". */
  what: string;
};

export function asMap(
  value: YamlValue | null,
  what: string,
  line: number,
  problems: RunbookProblem[],
): YamlMap | null {
  if (value?.kind === "map") return value;
  problems.push({
    line: value?.line ?? line,
    message: `${what} must be a YAML mapping (key: value lines)`,
  });
  return null;
}

export function entryOf(reader: FieldReader, key: string): YamlEntry | undefined {
  return reader.map.entries.find((entry) => entry.key === key);
}

/** Unknown keys are errors: a typo such as `apply_to` must not silently drop a field. */
export function rejectUnknownKeys(reader: FieldReader, allowed: readonly string[]): void {
  for (const entry of reader.map.entries) {
    if (!allowed.includes(entry.key)) {
      const hint = closest(entry.key, allowed);
      reader.problems.push({
        line: entry.line,
        message: `unknown key "${entry.key}" in ${reader.what}${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${allowed.join(", ")}`,
      });
    }
  }
}

function missing(reader: FieldReader, key: string): null {
  reader.problems.push({ line: reader.map.line, message: `${reader.what} needs "${key}"` });
  return null;
}

function wrongType(reader: FieldReader, entry: YamlEntry, expected: string): null {
  reader.problems.push({ line: entry.value.line, message: `"${entry.key}" must be ${expected}` });
  return null;
}

/** A non-empty single-line string (numbers are accepted and turned into text). */
export function readString(reader: FieldReader, key: string, required: boolean): string | null {
  const entry = entryOf(reader, key);
  if (!entry) return required ? missing(reader, key) : null;
  const { value } = entry;
  if (value.kind !== "scalar" || value.value === null || typeof value.value === "boolean") {
    return wrongType(reader, entry, "text");
  }
  const text = (value.source ?? String(value.value)).trim();
  if (text === "") return wrongType(reader, entry, "non-empty text");
  if (/[\r\n]/.test(text)) return wrongType(reader, entry, "a single line");
  return text;
}

export function readBoolean(reader: FieldReader, key: string): boolean | null {
  const entry = entryOf(reader, key);
  if (!entry) return null;
  if (entry.value.kind === "scalar" && typeof entry.value.value === "boolean")
    return entry.value.value;
  return wrongType(reader, entry, "true or false");
}

export function readCount(reader: FieldReader, key: string, max: number): number | null {
  const entry = entryOf(reader, key);
  if (!entry) return null;
  const { value } = entry;
  if (value.kind === "scalar" && Number.isInteger(value.value) && (value.value as number) >= 0) {
    if ((value.value as number) <= max) return value.value as number;
  }
  return wrongType(reader, entry, `a whole number from 0 to ${max}`);
}

/** A list of strings; a single string is accepted as a list of one (`applies_to: md.degraded`). */
export function readStringList(
  reader: FieldReader,
  key: string,
  required: boolean,
): string[] | null {
  const entry = entryOf(reader, key);
  if (!entry) return required ? missing(reader, key) : null;
  const { value } = entry;
  if (value.kind === "scalar" && value.value === null) return [];
  const items = value.kind === "list" ? value.items : [value];
  const strings: string[] = [];
  for (const item of items) {
    if (item.kind !== "scalar" || typeof item.value !== "string" || item.value.trim() === "") {
      return wrongType(reader, entry, "a list of words, e.g. [a, b]");
    }
    strings.push(item.value.trim());
  }
  return strings;
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
