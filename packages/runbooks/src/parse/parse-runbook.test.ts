import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse-runbook";

/** A small valid runbook; the tests below break one line of it at a time. */
const VALID = `---
id: md-test
title: Test runbook
summary: Exercises every block kind.
applies_to: [md.degraded]
variables:
  - name: array
    kind: md-device
    description: The array
    from: { object: [array, member] }
  - name: member
    kind: block-device
    description: The member
    required: false
---

Preface text that is not a step.

## Look at the array

Read what mdadm says.

\`\`\`sh
mdadm --detail {{array}}
\`\`\`

\`\`\`check
id: degraded
description: "{{array}} is degraded"
probe: mdstat
expect: { that: array-state, array: "{{array}}", degraded: true }
\`\`\`

## Re-create it

\`\`\`gate
evidence: [mdadm-examine, md-map]
max_age_minutes: 30
reason: Overwrites superblocks.
\`\`\`

\`\`\`sh
mdadm --create {{array}} --assume-clean --level=1 --raid-devices=2 {{member}} missing
\`\`\`

\`\`\`text
## this heading is sample output, not a step
\`\`\`
`;

const lines = VALID.split("\n");
const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

function replaceLine(text: string, replacement: string): string {
  return VALID.split("\n")
    .map((line) => (line.includes(text) ? replacement : line))
    .join("\n");
}

const lineIn = (text: string, needle: string) =>
  text.split("\n").findIndex((line) => line.includes(needle)) + 1;
const WITHOUT_GATE = VALID.replace(/```gate[\s\S]*?```\n/, "");

function errorsOf(text: string) {
  const result = parseRunbook(text, "runbooks/test.md");
  if (result.ok) throw new Error("expected the runbook to be rejected");
  return result.errors;
}

describe("parseRunbook on a valid runbook", () => {
  const result = parseRunbook(VALID, "runbooks/test.md");

  it("reads the front matter, variables and steps", () => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { runbook } = result;
    expect(runbook).toMatchObject({
      id: "md-test",
      title: "Test runbook",
      appliesTo: ["md.degraded"],
      source: { kind: "file", path: "runbooks/test.md" },
    });
    expect(runbook.variables).toEqual([
      {
        name: "array",
        kind: "md-device",
        description: "The array",
        required: true,
        defaultValue: null,
        from: { kind: "object", objectKinds: ["array", "member"] },
      },
      {
        name: "member",
        kind: "block-device",
        description: "The member",
        required: false,
        defaultValue: null,
        from: null,
      },
    ]);
    expect(runbook.steps.map((step) => [step.index, step.title, step.line])).toEqual([
      [0, "Look at the array", lineOf("## Look at the array")],
      [1, "Re-create it", lineOf("## Re-create it")],
    ]);
  });

  it("separates prose, command, checks and gate, keeping other code blocks as prose", () => {
    if (!result.ok) throw new Error("invalid");
    const [look, create] = result.runbook.steps;
    expect(look?.bodyMarkdown).toBe("Read what mdadm says.");
    expect(look?.command).toBe("mdadm --detail {{array}}");
    expect(look?.checks).toEqual([
      {
        id: "degraded",
        description: "{{array}} is degraded",
        probe: "mdstat",
        args: {},
        expect: { that: "array-state", array: "{{array}}", degraded: true },
        line: lineOf("```check"),
      },
    ]);
    expect(look?.destructive).toBeNull();
    expect(create?.destructive).toEqual({
      evidence: ["mdadm-examine", "md-map"],
      maxEvidenceAgeMinutes: 30,
      reason: "Overwrites superblocks.",
    });
    expect(create?.bodyMarkdown).toContain("## this heading is sample output, not a step");
  });

  it("hashes the exact source text with sha256", () => {
    if (!result.ok) throw new Error("invalid");
    expect(result.runbook.contentHash).toBe(createHash("sha256").update(VALID).digest("hex"));
  });

  it("gives the same line numbers for CRLF files", () => {
    const crlf = parseRunbook(VALID.replaceAll("\n", "\r\n"), "x.md");
    expect(crlf.ok && crlf.runbook.steps.map((step) => step.line)).toEqual(
      result.ok && result.runbook.steps.map((step) => step.line),
    );
  });

  it("takes a custom runbook's source as given", () => {
    const custom = parseRunbook(VALID, { kind: "custom", version: 3 });
    expect(custom.ok && custom.runbook.source).toEqual({ kind: "custom", version: 3 });
  });
});

describe("parseRunbook errors name the line", () => {
  const cases: [string, string, number, RegExp][] = [
    ["a missing id", replaceLine("id: md-test", "ident: md-test"), 2, /needs "id"/],
    [
      "an unknown front matter key",
      replaceLine("applies_to:", "apply_to: [md.degraded]"),
      5,
      /unknown key "apply_to".*did you mean "applies_to"/,
    ],
    ["a bad id", replaceLine("id: md-test", "id: MD Test"), 2, /lower-case words/],
    ["a bad rule id", replaceLine("applies_to:", "applies_to: [degraded]"), 5, /not a rule id/],
    [
      "an unknown variable kind",
      replaceLine("kind: md-device", "    kind: raid"),
      lineOf("kind: md-device"),
      /unknown variable kind "raid"/,
    ],
    [
      "a bad variable source",
      replaceLine("from: {", "    from: { object: [arrays] }"),
      lineOf("from: {"),
      /object kinds/,
    ],
    [
      "a YAML error in the front matter",
      replaceLine("summary:", "title: twice"),
      lineOf("summary:"),
      /YAML: Map keys must be unique/,
    ],
    [
      "an undeclared variable in a command",
      replaceLine("mdadm --detail", "mdadm --detail {{arr}}"),
      lineOf("```sh"),
      /\{\{arr\}\} is not a declared variable/,
    ],
    [
      "a malformed placeholder",
      replaceLine("mdadm --detail", "mdadm --detail {{ array }}"),
      lineOf("```sh"),
      /malformed placeholder/,
    ],
    [
      "an unknown probe",
      replaceLine("probe: mdstat", "probe: mdstatt"),
      lineOf("probe: mdstat"),
      /unknown probe "mdstatt"/,
    ],
    [
      "an unknown expectation",
      replaceLine("expect: {", 'expect: { that: array-ok, array: "{{array}}" }'),
      lineOf("expect: {"),
      /unknown expectation "array-ok"/,
    ],
    [
      "an expectation of another probe",
      replaceLine("probe: mdstat", "probe: losetup"),
      lineOf("expect: {"),
      /reads the output of probe mdstat, not losetup/,
    ],
    [
      "a mistyped expectation field",
      replaceLine("expect: {", 'expect: { that: array-state, array: "{{array}}", degraded: yes }'),
      lineOf("expect: {"),
      /"degraded" must be true or false/,
    ],
    [
      "an unknown expectation field",
      replaceLine("expect: {", 'expect: { that: array-state, array: "{{array}}", healthy: true }'),
      lineOf("expect: {"),
      /unknown key "healthy"/,
    ],
    [
      "a YAML error in a check",
      replaceLine("probe: mdstat", "probe: mdstat: x"),
      lineOf("probe: mdstat"),
      /YAML: Nested mappings/,
    ],
    [
      "a tab in a check",
      replaceLine("probe: mdstat", "\tprobe: mdstat"),
      lineOf("probe: mdstat"),
      /YAML: Tabs/,
    ],
    [
      "an unknown evidence kind",
      replaceLine("evidence: [", "evidence: [superblocks]"),
      lineOf("evidence: ["),
      /unknown evidence "superblocks"/,
    ],
    [
      "a zero max age",
      replaceLine("max_age_minutes", "max_age_minutes: 0"),
      lineOf("max_age_minutes"),
      /at least 1/,
    ],
    [
      "a destructive command without a gate",
      WITHOUT_GATE,
      lineIn(WITHOUT_GATE, "mdadm --create") - 1,
      /mdadm --create can destroy data/,
    ],
    [
      "an unclosed code block",
      VALID.replace(/```text\n/, "```text\nno end\n").replace(/```\n$/, ""),
      lineOf("```text"),
      /never closed/,
    ],
  ];

  it.each(cases)("%s", (_label, text, line, message) => {
    const errors = errorsOf(text);
    expect(errors).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it("reports a runbook without front matter on line 1", () => {
    expect(errorsOf("## Step\n\ntext\n")).toContainEqual({
      line: 1,
      message: expect.stringMatching(/front matter/),
    });
  });

  it("reports unclosed front matter", () => {
    expect(errorsOf("---\nid: x\n## Step\n")).toEqual([
      { line: 1, message: expect.stringMatching(/not closed/) },
    ]);
  });

  it("reports a runbook without steps", () => {
    const frontOnly = VALID.slice(0, VALID.indexOf("Preface"));
    expect(errorsOf(frontOnly)).toContainEqual({
      line: 2,
      message: expect.stringMatching(/at least one step/),
    });
  });

  it("reports an empty step, a second command block and a duplicate check id", () => {
    const text = `${VALID}\n## Empty\n\n## Twice\n\n\`\`\`sh\nls\n\`\`\`\n\n\`\`\`sh\nls\n\`\`\`\n\n\`\`\`check\nid: degraded\ndescription: again\nprobe: mdstat\nexpect: { that: array-absent, array: md9 }\n\`\`\`\n`;
    const all = text.split("\n");
    const at = (needle: string, from = 0) =>
      all.findIndex((line, i) => i >= from && line === needle) + 1;
    const errors = errorsOf(text);
    expect(errors).toContainEqual({
      line: at("## Empty"),
      message: expect.stringMatching(/is empty/),
    });
    expect(errors).toContainEqual({
      line: at("```sh", at("## Twice")) + 4,
      message: expect.stringMatching(/at most one/),
    });
    expect(errors).toContainEqual({
      line: at("```check", at("## Twice")),
      message: expect.stringMatching(/used twice/),
    });
  });

  it("refuses a literal probe argument that fails its kind", () => {
    const text = VALID.replace(
      "probe: mdstat\n",
      'probe: mdadm-detail\nargs: { array: "/dev/md0;reboot" }\n',
    ).replace(
      'expect: { that: array-state, array: "{{array}}", degraded: true }',
      "expect: { that: detail-state, includes: [degraded] }",
    );
    expect(errorsOf(text)).toContainEqual({
      line: lineOf("probe: mdstat") + 1,
      message: expect.stringMatching(/expected an md array/),
    });
  });

  it("refuses a probe argument bound to a variable of another kind", () => {
    const text = VALID.replace(
      "probe: mdstat\n",
      'probe: mdadm-detail\nargs: { array: "{{member}}" }\n',
    ).replace(
      'expect: { that: array-state, array: "{{array}}", degraded: true }',
      "expect: { that: detail-state, includes: [degraded] }",
    );
    expect(errorsOf(text)).toContainEqual({
      line: lineOf("probe: mdstat") + 1,
      message: expect.stringMatching(/of kind md-device/),
    });
  });

  it("reports every problem of a file at once, sorted by line", () => {
    const text = replaceLine("title:", "titel: x").replace("probe: mdstat", "probe: nope");
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.map((error) => error.line)).toEqual(
      [...errors.map((error) => error.line)].sort((a, b) => a - b),
    );
  });

  it("refuses a runbook over the size limit without reading it", () => {
    expect(errorsOf(`${VALID}${"x".repeat(300_000)}`)).toEqual([
      { line: 1, message: expect.stringMatching(/larger than/) },
    ]);
  });
});

describe("the example in the package README", () => {
  it("parses", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const example = readme.split("~~~~markdown\n")[1]?.split("~~~~\n")[0] ?? "";
    const result = parseRunbook(example, "README.md");
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
