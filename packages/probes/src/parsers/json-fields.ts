/*
 * JSON reading shared by the JSON parsers of this folder (smartctl, lsblk -J, losetup -J,
 * lvm --reportformat json). Tools emit JSON whose shape drifts between versions, so every read
 * is typed and a wrong type becomes a ParseError naming the field (`smart_status.passed`),
 * never an exception. Absent keys and JSON null both read as null: "not reported".
 */
import { type ParseError, type ParseResult, parsed, parseFailure } from "@holmes/core";

export type JsonObject = { [key: string]: unknown };

/**
 * Where a value sits in the document, for error texts only: a dotted name, or a step below
 * another path. A step is one small object where a joined name is a new string per row and
 * field, so parsers pass steps around and the text (`ata_smart_attributes.table[3].raw`) is built
 * by fieldName() only once a read has failed.
 */
export type FieldPath = string | FieldStep;
export type FieldStep = { readonly parent: FieldPath; readonly key: string | number };

export function fieldStep(parent: FieldPath, key: string | number): FieldStep {
  return { parent, key };
}

/**
 * The path of a table's rows, moved to each row in turn by at(i): one object per table rather
 * than one per row. Moving it on is safe because fail() builds an error's field name at once.
 */
export class RowPath implements FieldStep {
  key = 0;

  constructor(readonly parent: FieldPath) {}

  at(index: number): this {
    this.key = index;
    return this;
  }
}

export function fieldName(path: FieldPath): string {
  return typeof path === "string" ? path : join(fieldName(path.parent), path.key);
}

/** The field name of errors about the document as a whole. */
export const DOCUMENT_FIELD = "(document)";

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON.parse that never throws. V8 names a byte offset for most errors; we turn it into a line. */
export function parseJsonText(text: string): ParseResult<unknown> {
  try {
    return parsed(JSON.parse(text));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    if (position?.[1] === undefined) {
      return parseFailure("well-formed JSON", message, { field: DOCUMENT_FIELD });
    }
    const offset = Number(position[1]);
    let line = 1;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
    return parseFailure("well-formed JSON", message, { line });
  }
}

/** The failure for a document that parsed but is not a JSON object. */
export function notAnObject(expected: string, value: unknown): { ok: false; error: ParseError } {
  return parseFailure(expected, describeValue(value), { field: DOCUMENT_FIELD });
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (isJsonObject(value)) return "an object";
  return JSON.stringify(value) ?? String(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/**
 * Typed reads of one JSON document. The first type error is kept in `error`; later reads carry on
 * (returning null) so a parser can read everything and check `error` once at the end.
 *
 * The `as…` methods check a value the caller has already taken (`r.asInteger(row.id, path, "id")`):
 * a property read written at the call site stays a plain, fast load of one object shape, where a
 * shared `obj[key]` inside the reader sees every key and shape and goes through V8's slow generic
 * lookup. `key` only names the field in an error; a dotted key ("raw.value") names a field of an
 * object inside the one at `path`. The `(obj, key, path)` methods read the key themselves, for
 * parsers that read few fields.
 */
export class JsonFieldReader {
  error: ParseError | undefined;

  fail(path: FieldPath, expected: string, got: unknown): null {
    if (this.error === undefined) {
      this.error = parseFailure(expected, describeValue(got), { field: fieldName(path) }).error;
    }
    return null;
  }

  /** fail() for the field `key` below `path`; the name is joined only for the first error. */
  failAt(path: FieldPath, key: string | number, expected: string, got: unknown): null {
    return this.error === undefined ? this.fail(fieldStep(path, key), expected, got) : null;
  }

  path(path: string, key: string | number): string {
    return join(path, key);
  }

  asString(value: unknown, path: FieldPath, key: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value;
    return this.failAt(path, key, "a string", value);
  }

  asNumber(value: unknown, path: FieldPath, key: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    return this.failAt(path, key, "a finite number", value);
  }

  asInteger(value: unknown, path: FieldPath, key: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    return this.failAt(path, key, "an integer", value);
  }

  asRequiredString(value: unknown, path: FieldPath, key: string): string {
    return this.asString(value, path, key) ?? this.failAt(path, key, "a string", null) ?? "";
  }

  asRequiredInteger(value: unknown, path: FieldPath, key: string): number {
    return this.asInteger(value, path, key) ?? this.failAt(path, key, "an integer", null) ?? 0;
  }

  asBoolean(value: unknown, path: FieldPath, key: string): boolean | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean") return value;
    return this.failAt(path, key, "true or false", value);
  }

  asObject(value: unknown, path: FieldPath, key: string): JsonObject | null {
    if (value === undefined || value === null) return null;
    if (isJsonObject(value)) return value;
    return this.failAt(path, key, "an object", value);
  }

  asArray(value: unknown, path: FieldPath, key: string): unknown[] | null {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value;
    return this.failAt(path, key, "an array", value);
  }

  value(obj: JsonObject | null, key: string): unknown {
    if (obj === null) return null;
    const value = obj[key];
    return value === undefined ? null : value;
  }

  string(obj: JsonObject | null, key: string, path: FieldPath): string | null {
    return this.asString(obj?.[key], path, key);
  }

  number(obj: JsonObject | null, key: string, path: FieldPath): number | null {
    return this.asNumber(obj?.[key], path, key);
  }

  integer(obj: JsonObject | null, key: string, path: FieldPath): number | null {
    return this.asInteger(obj?.[key], path, key);
  }

  requiredString(obj: JsonObject | null, key: string, path: FieldPath): string {
    return this.asRequiredString(obj?.[key], path, key);
  }

  requiredInteger(obj: JsonObject | null, key: string, path: FieldPath): number {
    return this.asRequiredInteger(obj?.[key], path, key);
  }

  boolean(obj: JsonObject | null, key: string, path: FieldPath): boolean | null {
    return this.asBoolean(obj?.[key], path, key);
  }

  object(obj: JsonObject | null, key: string, path: FieldPath): JsonObject | null {
    return this.asObject(obj?.[key], path, key);
  }

  array(obj: JsonObject | null, key: string, path: FieldPath): unknown[] | null {
    return this.asArray(obj?.[key], path, key);
  }

  /**
   * Each element of an array that must hold objects; a non-object element is an error. All
   * elements are checked before the caller reads any, so the first error is the same whichever
   * way the rows are then read. Usually every element is an object and the array itself is
   * returned, without a copy.
   */
  objects(items: unknown[] | null, path: FieldPath): JsonObject[] {
    if (items === null) return [];
    let firstBad = 0;
    while (firstBad < items.length && isJsonObject(items[firstBad])) firstBad++;
    if (firstBad === items.length) return items as JsonObject[];
    const out = items.slice(0, firstBad) as JsonObject[];
    for (let i = firstBad; i < items.length; i++) {
      const item = items[i];
      if (isJsonObject(item)) out.push(item);
      else this.failAt(path, i, "an object", item);
    }
    return out;
  }

  /** Ends a parse: the first recorded error, or the value. */
  finish<T>(value: T): ParseResult<T> {
    return this.error === undefined ? parsed(value) : { ok: false, error: this.error };
  }
}
