/**
 * What every parser returns: a typed value, or a typed error that says where the input went wrong
 * and what was expected there. Parsers never throw (STYLE.md §9).
 */
export type ParseError = {
  code: "PARSE_FAILED";
  /** 1-based line number in the input, when the problem sits on a line. */
  line?: number;
  /** The field or key that was wrong, for structured (JSON) inputs. */
  field?: string;
  expected: string;
  /** A short excerpt of what was found instead (truncated to 80 characters). */
  got: string;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function parseFailure(
  expected: string,
  got: string,
  where: { line?: number; field?: string } = {},
): { ok: false; error: ParseError } {
  return { ok: false, error: { code: "PARSE_FAILED", ...where, expected, got: excerpt(got) } };
}

/** One line that names where and what: `line 7: expected "[n/m] [U_]" status, got "…"`. */
export function describeParseError(error: ParseError): string {
  const where =
    error.line !== undefined ? `line ${error.line}: ` : error.field ? `field ${error.field}: ` : "";
  return `${where}expected ${error.expected}, got ${JSON.stringify(error.got)}`;
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
