import { describeParseError, parseFailure } from "@holmes/core";
import { describe, expect, it } from "vitest";

describe("parse errors", () => {
  it("name the line and what was expected", () => {
    const failure = parseFailure('"[n/m] [U_]" status', "      1234 blocks", { line: 7 });
    expect(describeParseError(failure.error)).toBe(
      'line 7: expected "[n/m] [U_]" status, got "      1234 blocks"',
    );
  });
});
