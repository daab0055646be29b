import { parseMdstat } from "@holmes/probes/parsers";
import { describe, expect, it } from "vitest";
import { bindVariables } from "../bind";
import { parseRunbook } from "../parse/parse-runbook";
import type { Runbook, RunbookCheck } from "../types";
import { evaluateExpectation } from "./evaluate";
import { resolveCheck } from "./resolve-check";

/** A count field (`raid_disks`, `max_increase`, …) written as a `{{variable}}`. */

const runbookWith = (expectLine: string, kind = "integer") => `---
id: count-test
title: Count test
summary: A count taken from a variable.
applies_to: []
variables:
  - name: array
    kind: md-device
    description: The array
  - name: count
    kind: ${kind}
    description: How many devices the array should have
---

## Check the array

\`\`\`check
id: disks
description: "{{array}} has {{count}} raid disks"
probe: mdstat
${expectLine}
\`\`\`
`;

/** The line of the `expect:` entry in `runbookWith`'s text, where count problems are reported. */
const EXPECT_LINE = runbookWith("expect: {}").split("\n").indexOf("expect: {}") + 1;

const VALID = runbookWith(
  'expect: { that: array-state, array: "{{array}}", raid_disks: "{{count}}", active_disks: 2 }',
);

function checkOf(text: string): { runbook: Runbook; check: RunbookCheck } {
  const parsed = parseRunbook(text, "runbooks/count-test.md");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const check = parsed.runbook.steps[0]?.checks[0];
  if (!check) throw new Error("no check");
  return { runbook: parsed.runbook, check };
}

function errorsOf(text: string): string[] {
  const parsed = parseRunbook(text, "runbooks/count-test.md");
  if (parsed.ok) throw new Error("expected the runbook to be rejected");
  return parsed.errors.map((error) => `${error.line}: ${error.message}`);
}

const MDSTAT = parseMdstat(
  "Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      1048512 blocks [2/2] [UU]\n\nunused devices: <none>\n",
);

describe("count fields written as a variable", () => {
  it("parse as the placeholder and resolve to a number", () => {
    const { check } = checkOf(VALID);
    expect(check.expect).toEqual({
      that: "array-state",
      array: "{{array}}",
      raidDisks: "{{count}}",
      activeDisks: 2,
    });
    const resolved = resolveCheck(check, { array: "/dev/md0", count: "2" });
    expect(resolved.ok && resolved.check.expect).toEqual({
      that: "array-state",
      array: "/dev/md0",
      raidDisks: 2,
      activeDisks: 2,
    });
  });

  it("are judged as numbers after binding", () => {
    if (!MDSTAT.ok) throw new Error("fixture");
    const { runbook, check } = checkOf(VALID);
    const judge = (count: string) => {
      const bound = bindVariables(runbook, { array: "/dev/md0", count });
      if (!bound.ok) throw new Error(JSON.stringify(bound.errors));
      const resolved = resolveCheck(check, bound.bindings);
      if (!resolved.ok) throw new Error(resolved.errors.join("; "));
      return evaluateExpectation(resolved.check.expect, MDSTAT.value);
    };
    expect(judge("2").passed).toBe(true);
    expect(judge("3")).toMatchObject({
      passed: false,
      summary: "md0: raid devices is 2, expected 3",
    });
  });

  it("refuse a value that is not a whole number, naming the field and the variable", () => {
    const { check } = checkOf(
      runbookWith('expect: { that: array-state, array: md0, raid_disks: "{{count}}" }', "text"),
    );
    for (const value of ["two", "-1", "2.5", "", "1e3", "99999999999"]) {
      const resolved = resolveCheck(check, { count: value });
      expect(resolved.ok).toBe(false);
      if (!resolved.ok)
        expect(resolved.errors).toContain(
          `raid_disks: {{count}} is ${JSON.stringify(value)}, not a whole number from 0 to 1000000000`,
        );
    }
    expect(resolveCheck(check, {})).toEqual({
      ok: false,
      errors: [
        "description: no value bound for {{array}}",
        "raid_disks: no value bound for {{count}}",
      ],
    });
  });

  it("work in mdadm-detail counts too", () => {
    const text = runbookWith(
      'expect: { that: array-state, array: "{{array}}", active_disks: "{{count}}" }',
    );
    expect(checkOf(text).check.expect).toMatchObject({ activeDisks: "{{count}}" });
    const detail = checkOf(
      VALID.replace("probe: mdstat", 'probe: mdadm-detail\nargs: { array: "{{array}}" }').replace(
        /expect: .*/,
        'expect: { that: detail-state, raid_devices: "{{count}}", failed_devices: 0 }',
      ),
    ).check;
    const resolved = resolveCheck(detail, { array: "/dev/md0", count: "6" });
    expect(resolved.ok && resolved.check.expect).toEqual({
      that: "detail-state",
      raidDevices: 6,
      failedDevices: 0,
    });
  });

  it("reject at parse time what can never be a count", () => {
    expect(
      errorsOf(runbookWith('expect: { that: array-state, array: md0, raid_disks: "six" }')),
    ).toEqual([
      `${EXPECT_LINE}: "raid_disks" must be a whole number or a single quoted {{variable}} such as "{{count}}", not "six"`,
    ]);
    expect(
      errorsOf(runbookWith('expect: { that: array-state, array: md0, raid_disks: "{{count}}0" }')),
    ).toHaveLength(1);
    expect(
      errorsOf(runbookWith('expect: { that: array-state, array: md0, raid_disks: "{{other}}" }')),
    ).toEqual([
      `${EXPECT_LINE}: {{other}} is not a declared variable (declare it under "variables:")`,
    ]);
    expect(
      errorsOf(runbookWith('expect: { that: array-state, array: md0, raid_disks: "{{array}}" }')),
    ).toEqual([
      `${EXPECT_LINE}: "raid_disks" is a count: {{array}} is a md-device variable; use one of kind integer`,
    ]);
    expect(
      errorsOf(runbookWith("expect: { that: array-state, array: md0, raid_disks: -2 }")),
    ).toEqual([`${EXPECT_LINE}: "raid_disks" must be a whole number from 0 to 1000000000`]);
  });
});

describe("evaluateExpectation on an expectation that was not resolved", () => {
  it("fails with a reason instead of comparing the placeholder", () => {
    if (!MDSTAT.ok) throw new Error("fixture");
    const { check } = checkOf(VALID);
    const outcome = evaluateExpectation(check.expect, MDSTAT.value);
    expect(outcome).toEqual({
      passed: false,
      summary: "cannot evaluate: the expectation still has placeholders; resolve the check first",
      details: [
        "array: {{array}}",
        "raidDisks: {{count}}",
        "resolveCheck fills {{variables}} from the run's bindings and checks counts are numbers",
      ],
    });
  });
});
