import type { HostState } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { evaluateHost, findingKey } from "./evaluate";
import { draftFor, type Rule } from "./rule";
import { degradedArray } from "./rules/arrays";
import {
  array,
  disk,
  hostState,
  kernelEvent,
  loop,
  member,
  mount,
  nfsMount,
  nvmeDisk,
  scsiDisk,
} from "./testing/host-state";

const throwing: Rule = {
  id: "test.throws",
  summary: "A rule with a bug",
  runbookId: null,
  evaluate: () => {
    throw new TypeError("Cannot read properties of null (reading 'toFixed')");
  },
};

/** A busy but healthy host: every kind of object present, none of them in trouble. */
const healthyHost = () =>
  hostState({
    arrays: [
      array(),
      array({
        name: "md1",
        uuid: "1111:2222:3333:4444",
        level: "raid10",
        layout: "near=2",
        raidDisks: 4,
      }),
    ],
    disks: [disk(), disk({ name: "sdb" }), nvmeDisk(), scsiDisk({ hoursSinceLastSelfTest: null })],
    mounts: [mount(), nfsMount()],
    loopDevices: [loop()],
    kernelEvents: [kernelEvent("md_check_done", { device: "md0", severity: "info" })],
  });

describe("evaluateHost", () => {
  it("finds nothing on a healthy host", () => {
    expect(evaluateHost(healthyHost())).toEqual([]);
  });

  it("turns a rule that throws into holmes.rule_failed and still runs the others", () => {
    const state = hostState({
      arrays: [array({ name: "md1", degraded: true, activeDisks: 1, statusString: "U_" })],
    });
    const findings = evaluateHost(state, undefined, [throwing, degradedArray]);
    expect(findings.map((f) => f.ruleId)).toEqual(["holmes.rule_failed", "md.degraded"]);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      objectKind: "host",
      objectName: "db1/test.throws",
      title: "Rule test.throws failed on this host",
    });
    expect(findings[0]?.evidence.values).toEqual({
      rule: "test.throws",
      error: "Cannot read properties of null (reading 'toFixed')",
    });
    expect(findings[0]?.explanation).toContain("unknown here (not healthy)");
  });

  it("keeps the worst draft when a rule reports one object twice", () => {
    const twice: Rule = {
      id: "test.twice",
      summary: "Reports md0 twice",
      runbookId: null,
      evaluate: () =>
        (["info", "critical", "warning"] as const).map((severity) =>
          draftFor(twice, {
            severity,
            objectKind: "array",
            objectName: "md0",
            title: severity,
            explanation: "",
          }),
        ),
    };
    expect(evaluateHost(hostState(), undefined, [twice]).map((f) => f.severity)).toEqual([
      "critical",
    ]);
  });

  it("survives a state where everything optional is unknown", () => {
    const unknowns: HostState = hostState({
      host: { kernelRelease: null, osName: null },
      collection: { state: "partial", lastSuccessAt: null },
      arrays: [
        array({
          uuid: null,
          level: null,
          raidDisks: null,
          activeDisks: null,
          statusString: null,
          layout: null,
          degraded: true,
          syncAction: "recovery",
          members: [member({ slot: null, role: null, diskSerial: null })],
        }),
        array({
          name: "md9",
          level: "raid10",
          layout: "near=9",
          raidDisks: 2,
          degraded: true,
          activeDisks: 0,
          statusString: "__",
          members: [],
        }),
      ],
      disks: [
        disk({
          protocol: null,
          model: null,
          serial: null,
          smartPassed: null,
          temperatureC: null,
          powerOnHours: null,
          hoursSinceLastSelfTest: null,
          errorLogCount: null,
        }),
        nvmeDisk({
          serial: null,
          nvme: {
            criticalWarning: 2,
            criticalWarningBits: null,
            mediaErrors: null,
            percentageUsed: null,
            availableSpare: null,
            availableSpareThreshold: null,
          },
        }),
      ],
      mounts: [
        nfsMount({
          retransmissions: null,
          nfs: {
            server: null,
            export: null,
            timeo: null,
            retrans: null,
            readOnly: null,
            soft: true,
            intr: true,
          },
        }),
      ],
      loopDevices: [loop({ backFile: null })],
      kernelEvents: [
        kernelEvent("block_io_error"),
        kernelEvent("nfs_not_responding"),
        kernelEvent("xfs_shutdown"),
      ],
    });
    const findings = evaluateHost(unknowns);
    expect(findings.filter((f) => f.ruleId === "holmes.rule_failed")).toEqual([]);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(
      new Set([
        "md.degraded",
        "md.redundancy_exhausted",
        "disk.nvme_critical_warning",
        "nfs.soft_rw",
        "nfs.intr",
        "nfs.not_responding",
        "kernel.block_io_errors",
        "kernel.xfs_shutdown",
      ]),
    );
  });
});

describe("findingKey", () => {
  it("identifies a finding by rule, object kind and object name", () => {
    expect(findingKey({ ruleId: "md.degraded", objectKind: "array", objectName: "md0" })).toBe(
      "md.degraded|array|md0",
    );
  });
});
