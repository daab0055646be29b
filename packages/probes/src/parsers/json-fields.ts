/*
 * JSON reading shared by the JSON parsers of this folder (smartctl, lsblk -J, losetup -J,
 * lvm --reportformat json). Tools emit JSON whose shape drifts between versions, so every read
 * is typed and a wrong type becomes a ParseError naming the field (`smart_status.passed`),
 * never an exception. Absent keys and JSON null both read as null: "not reported".
 */
import { type ParseError, type ParseResult, parsed, parseFailure } from "@holmes/core";

export type JsonObject = { [key: string]: unknown };

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
 */
export class JsonFieldReader {
  error: ParseError | undefined;

  fail(path: string, expected: string, got: unknown): null {
    if (this.error === undefined) {
      this.error = parseFailure(expected, describeValue(got), { field: path }).error;
    }
    return null;
  }

  path(path: string, key: string | number): string {
    return join(path, key);
  }

  value(obj: JsonObject | null, key: string): unknown {
    if (obj === null) return null;
    const value = obj[key];
    return value === undefined ? null : value;
  }

  string(obj: JsonObject | null, key: string, path: string): string | null {
    const value = this.value(obj, key);
    if (value === null || typeof value === "string") return value;
    return this.fail(join(path, key), "a string", value);
  }

  number(obj: JsonObject | null, key: string, path: string): number | null {
    const value = this.value(obj, key);
    if (value === null) return null;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    return this.fail(join(path, key), "a finite number", value);
  }

  integer(obj: JsonObject | null, key: string, path: string): number | null {
    const value = this.value(obj, key);
    if (value === null) return null;
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    return this.fail(join(path, key), "an integer", value);
  }

  requiredString(obj: JsonObject | null, key: string, path: string): string {
    return this.string(obj, key, path) ?? this.fail(join(path, key), "a string", null) ?? "";
  }

  requiredInteger(obj: JsonObject | null, key: string, path: string): number {
    return this.integer(obj, key, path) ?? this.fail(join(path, key), "an integer", null) ?? 0;
  }

  boolean(obj: JsonObject | null, key: string, path: string): boolean | null {
    const value = this.value(obj, key);
    if (value === null || typeof value === "boolean") return value;
    return this.fail(join(path, key), "true or false", value);
  }

  object(obj: JsonObject | null, key: string, path: string): JsonObject | null {
    const value = this.value(obj, key);
    if (value === null || isJsonObject(value)) return value;
    return this.fail(join(path, key), "an object", value);
  }

  array(obj: JsonObject | null, key: string, path: string): unknown[] | null {
    const value = this.value(obj, key);
    if (value === null || Array.isArray(value)) return value;
    return this.fail(join(path, key), "an array", value);
  }

  /** Each element of an array that must hold objects; a non-object element is an error. */
  objects(items: unknown[] | null, path: string): JsonObject[] {
    if (items === null) return [];
    const out: JsonObject[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (isJsonObject(item)) out.push(item);
      else this.fail(join(path, i), "an object", item);
    }
    return out;
  }

  /** Ends a parse: the first recorded error, or the value. */
  finish<T>(value: T): ParseResult<T> {
    return this.error === undefined ? parsed(value) : { ok: false, error: this.error };
  }
}
