import { describe, expect, it } from "vitest";
import { splitWords } from "./split-words";

describe("splitWords ssh dialect (argv_split)", () => {
  it.each([
    ["a b\tc", ["a", "b", "c"]],
    ['"a b" c', ["a b", "c"]],
    ["'a b'c", ["a bc"]],
    ["a\\ b", ["a b"]],
    ["a\\xb", ["a\\xb"]],
    ['"a\\"b"', ['a"b']],
    ["a # comment", ["a"]],
    ["a#b", ["a#b"]],
    ["", []],
  ])("%j", (text, words) => {
    expect(splitWords(text, "ssh")).toEqual({ ok: true, words });
  });

  it("refuses an unclosed quote", () => {
    expect(splitWords('"a', "ssh")).toEqual({ ok: false, reason: 'a " quote is not closed' });
  });
});

describe("splitWords shell dialect (shlex.split with comments)", () => {
  it.each([
    ['k="a b" x', ["k=a b", "x"]],
    ["a\\xb", ["axb"]],
    ['"a\\xb"', ["a\\xb"]],
    ["'a\\b'", ["a\\b"]],
    ["a#b c", ["a"]],
    ["a ''", ["a", ""]],
  ])("%j", (text, words) => {
    expect(splitWords(text, "shell")).toEqual({ ok: true, words });
  });

  it("refuses a trailing backslash", () => {
    expect(splitWords("a\\", "shell")).toEqual({ ok: false, reason: "a backslash ends the line" });
  });
});
