import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ProbeSection, renderProbeOutput, splitProbeOutput } from "./probe-output";

function done(id: string, output: string, exitCode = 0): ProbeSection {
  return { id, exitCode, output, isMissing: false, missingTool: null, isTruncated: false };
}

function missing(id: string, tool: string): ProbeSection {
  return { id, exitCode: null, output: "", isMissing: true, missingTool: tool, isTruncated: false };
}

describe("splitProbeOutput", () => {
  it("reads the stream a real composite prints", () => {
    const stdout = [
      "\n@@holmes-begin mdstat\nPersonalities : [raid1]\nunused devices: <none>\n",
      "\n@@holmes-end mdstat 0\n",
      "\n@@holmes-begin uname\n6.1.0-18-amd64",
      "\n@@holmes-end uname 0\n",
      "\n@@holmes-begin smartctl:/dev/sda\n\n@@holmes-missing smartctl:/dev/sda smartctl\n",
      "\n@@holmes-begin lvm-backup:vg0\nsudo: a password is required\n",
      "\n@@holmes-end lvm-backup:vg0 1\n",
    ].join("");
    expect(splitProbeOutput(stdout)).toEqual([
      done("mdstat", "Personalities : [raid1]\nunused devices: <none>\n"),
      done("uname", "6.1.0-18-amd64"),
      missing("smartctl:/dev/sda", "smartctl"),
      done("lvm-backup:vg0", "sudo: a password is required\n", 1),
    ]);
  });

  it("keeps output byte for byte, with or without a trailing newline, and empty output", () => {
    for (const output of ["abc", "abc\n", "abc\n\n", "", "\n", "\n\nx"]) {
      expect(splitProbeOutput(renderProbeOutput([done("t", output)]))).toEqual([done("t", output)]);
    }
  });

  it("ignores a login banner before the first section", () => {
    const stdout = `Welcome to host7!\n${renderProbeOutput([done("uname", "6.1\n")])}`;
    expect(splitProbeOutput(stdout)).toEqual([done("uname", "6.1\n")]);
  });

  it("reports a section without its end marker as truncated", () => {
    const stdout = `${renderProbeOutput([done("mdstat", "ok\n")])}\n@@holmes-begin smartctl:/dev/sda\n{"json`;
    expect(splitProbeOutput(stdout)).toEqual([
      done("mdstat", "ok\n"),
      { ...done("smartctl:/dev/sda", '{"json'), exitCode: null, isTruncated: true },
    ]);
  });

  it("does not count a half-written end marker as output", () => {
    const stdout = "\n@@holmes-begin mdstat\nPersonalities\n\n@@holmes-en";
    expect(splitProbeOutput(stdout)).toEqual([
      { ...done("mdstat", "Personalities\n"), exitCode: null, isTruncated: true },
    ]);
  });

  it("keeps marker-like lines for another section as output", () => {
    const output = "line\n@@holmes-end other 0\n@@holmes-missing other x\nmore";
    expect(splitProbeOutput(renderProbeOutput([done("fstab", output)]))).toEqual([
      done("fstab", output),
    ]);
  });

  it("returns nothing for empty or marker-free text", () => {
    expect(splitProbeOutput("")).toEqual([]);
    expect(splitProbeOutput("sh: 1: holmes_run: not found\n")).toEqual([]);
  });

  const outputArbitrary = fc
    .string({ unit: "grapheme", maxLength: 60 })
    .filter((text) => !text.includes("\n@@holmes-") && !text.startsWith("@@holmes-"));
  const sectionArbitrary = fc.oneof(
    fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9:/.-]{0,15}$/), outputArbitrary, fc.nat(255))
      .map(([id, output, code]) => done(id, output, code)),
    fc.stringMatching(/^[a-z][a-z0-9:/.-]{0,15}$/).map((id) => missing(id, "mdadm")),
  );

  it("inverts renderProbeOutput", () => {
    fc.assert(
      fc.property(fc.array(sectionArbitrary, { maxLength: 8 }), (sections) => {
        expect(splitProbeOutput(renderProbeOutput(sections))).toEqual(sections);
      }),
      { numRuns: 2_000 },
    );
  });

  /** Complete sections equal the originals; at most one, truncated, holds a prefix of its output. */
  function isFaithfulPrefix(parsed: ProbeSection[], sections: ProbeSection[]): boolean {
    const faithful = parsed.every((section, index) => {
      const original = sections[index];
      if (section.id !== original?.id) return false;
      if (section.isTruncated) return original.output.startsWith(section.output.replace(/\n$/, ""));
      return JSON.stringify(section) === JSON.stringify(original);
    });
    return faithful && parsed.filter((section) => section.isTruncated).length <= 1;
  }

  it("cut at every point, yields the complete sections and at most one truncated prefix", () => {
    fc.assert(
      fc.property(fc.array(sectionArbitrary, { minLength: 1, maxLength: 6 }), (sections) => {
        const stream = renderProbeOutput(sections);
        const badCuts: number[] = [];
        for (let cut = 0; cut <= stream.length; cut += 1) {
          if (!isFaithfulPrefix(splitProbeOutput(stream.slice(0, cut)), sections))
            badCuts.push(cut);
        }
        expect(badCuts).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
