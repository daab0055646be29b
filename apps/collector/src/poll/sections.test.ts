import { type ParseResult, parsed, parseFailure } from "@holmes/core";
import { fixedCommand } from "@holmes/probes/commands";
import { describe, expect, it, vi } from "vitest";
import { probeSection } from "../testing/sections";
import { PollReader } from "./sections";

const lineCount = (text: string): ParseResult<number> => parsed(text.split("\n").length);

describe("PollReader", () => {
  it("parses a section once, however often it is read with the same parser", () => {
    const parser = vi.fn(lineCount);
    const reader = new PollReader([
      { invocation: fixedCommand("mdstat"), section: probeSection("mdstat", "a\nb\nc") },
    ]);
    expect(reader.parse("mdstat", parser)).toBe(3);
    expect(reader.parse("mdstat", parser)).toBe(3);
    expect(parser).toHaveBeenCalledTimes(1);
    // Another parser of the same text is its own reading.
    expect(reader.parse("mdstat", (text) => parsed(text.length))).toBe(5);
  });

  it("reports a parse error once, however often the section is read", () => {
    const failing = vi.fn(
      (text: string): ParseResult<number> =>
        parseFailure("a Personalities line", text, { line: 1 }),
    );
    const reader = new PollReader([
      { invocation: fixedCommand("mdstat"), section: probeSection("mdstat", "garbage") },
    ]);
    expect(reader.parse("mdstat", failing)).toBeNull();
    expect(reader.parse("mdstat", failing)).toBeNull();
    expect(failing).toHaveBeenCalledTimes(1);
    expect(reader.problems).toHaveLength(1);
    expect(reader.problems[0]?.commandId).toBe("mdstat");
  });

  it("reads a section added later, and reads again one that was replaced", () => {
    const reader = new PollReader([
      { invocation: fixedCommand("mdstat"), section: probeSection("mdstat", "a") },
    ]);
    expect(reader.parse("lsblk", lineCount)).toBeNull();
    expect(reader.parse("mdstat", lineCount)).toBe(1);
    reader.add([
      { invocation: fixedCommand("lsblk"), section: probeSection("lsblk", "x\ny") },
      { invocation: fixedCommand("mdstat"), section: probeSection("mdstat", "a\nb") },
    ]);
    expect(reader.parse("lsblk", lineCount)).toBe(2);
    expect(reader.parse("mdstat", lineCount)).toBe(2);
  });

  it("hands on what it parsed only for the same section, text and parser, and parses nothing", () => {
    const parser = vi.fn(lineCount);
    const reader = new PollReader([
      { invocation: fixedCommand("mdstat"), section: probeSection("mdstat", "a\nb\nc") },
      { invocation: fixedCommand("lsblk"), section: probeSection("lsblk", "x") },
    ]);
    expect(reader.parsedBefore("mdstat", "a\nb\nc", parser)).toBeUndefined();
    expect(reader.parse("mdstat", parser)).toBe(3);
    expect(reader.parsedBefore("mdstat", "a\nb\nc", parser)).toBe(3);
    expect(reader.parsedBefore("mdstat", "a\nb", parser)).toBeUndefined();
    expect(reader.parsedBefore("mdstat", "a\nb\nc", lineCount)).toBeUndefined();
    expect(reader.parsedBefore("lsblk", "x", parser)).toBeUndefined();
    expect(parser).toHaveBeenCalledTimes(1);
    // A failed parse is handed on as null, and noted as the poll's problem once only.
    const failing = (text: string): ParseResult<number> => parseFailure("a number", text);
    expect(reader.parse("lsblk", failing)).toBeNull();
    expect(reader.parsedBefore("lsblk", "x", failing)).toBeNull();
    expect(reader.problems).toHaveLength(1);
  });
});
