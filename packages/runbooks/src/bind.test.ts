import { describe, expect, it } from "vitest";
import { bindingsFromFinding, bindVariables } from "./bind";
import type { FindingContext, RunbookVariable } from "./types";

const variable = (
  overrides: Partial<RunbookVariable> & Pick<RunbookVariable, "name" | "kind">,
): RunbookVariable => ({
  description: `the ${overrides.name}`,
  required: true,
  defaultValue: null,
  from: null,
  ...overrides,
});

const runbook = {
  variables: [
    variable({ name: "host", kind: "host", from: { kind: "host" } }),
    variable({
      name: "array",
      kind: "md-device",
      from: { kind: "object", objectKinds: ["array", "member"] },
    }),
    variable({
      name: "member",
      kind: "block-device",
      from: { kind: "object", objectKinds: ["member"] },
      required: false,
    }),
    variable({ name: "members", kind: "block-devices", required: false }),
    variable({
      name: "mount",
      kind: "mount-path",
      from: { kind: "evidence", name: "mountPoint" },
      required: false,
    }),
    variable({ name: "count", kind: "integer", defaultValue: "2" }),
  ],
};

describe("bindVariables", () => {
  it("binds valid values, applies defaults and splits lists", () => {
    expect(
      bindVariables(runbook, { host: "db1", array: " /dev/md1 ", members: "/dev/sdb1 /dev/sdc1" }),
    ).toEqual({
      ok: true,
      bindings: { host: "db1", array: "/dev/md1", members: ["/dev/sdb1", "/dev/sdc1"], count: "2" },
    });
  });

  it("reports every bad, missing and unknown value by variable", () => {
    const result = bindVariables(runbook, {
      array: "/dev/md1;reboot",
      member: "$(id)",
      color: "red",
      count: "",
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { variable: "color", message: "this runbook has no such variable" },
        { variable: "host", message: "a value is required (the host)" },
        { variable: "array", message: expect.stringMatching(/^expected an md array/) },
        { variable: "member", message: expect.stringMatching(/^expected a block device/) },
      ],
    });
  });

  it("treats an empty value as not given", () => {
    expect(bindVariables(runbook, { host: "db1", array: "/dev/md1", member: "  " })).toMatchObject({
      ok: true,
    });
  });
});

describe("bindingsFromFinding", () => {
  const finding = (overrides: Partial<FindingContext>): FindingContext => ({
    hostName: "db1.example.org",
    objectKind: "array",
    objectName: "md1",
    evidence: { values: {}, lines: [] },
    ...overrides,
  });

  it("takes the host and turns an array name into its device path", () => {
    expect(bindingsFromFinding(runbook, finding({}))).toEqual({
      bindings: { host: "db1.example.org", array: "/dev/md1" },
      skipped: [],
    });
  });

  it("splits a member finding into its array and its member", () => {
    expect(
      bindingsFromFinding(runbook, finding({ objectKind: "member", objectName: "md1/sdb1" }))
        .bindings,
    ).toMatchObject({
      array: "/dev/md1",
      member: "/dev/sdb1",
    });
  });

  it("reads named evidence values", () => {
    const result = bindingsFromFinding(
      runbook,
      finding({
        objectKind: "loop",
        objectName: "loop3",
        evidence: { values: { mountPoint: "/var/lib/app" }, lines: [] },
      }),
    );
    expect(result.bindings).toEqual({ host: "db1.example.org", mount: "/var/lib/app" });
  });

  it("skips, with a reason, what a hostile host reported", () => {
    const result = bindingsFromFinding(
      runbook,
      finding({
        objectName: "md1;reboot",
        evidence: { values: { mountPoint: "/srv/$(id)" }, lines: [] },
      }),
    );
    expect(result.bindings).toEqual({ host: "db1.example.org" });
    expect(result.skipped.map((problem) => problem.variable)).toEqual(["array", "mount"]);
    expect(result.skipped[0]?.message).toMatch(/^not taken from the finding: expected an md array/);
  });
});
