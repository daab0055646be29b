import { describe, expect, it } from "vitest";
import { hostState, minutesAgo, run, single } from "../testing/host-state";
import { hostKeyChanged, hostUnreachable, parseError, staleData, toolMissing } from "./collection";

describe("collection.unreachable", () => {
  it("is critical when the host cannot be reached, with the error as evidence", () => {
    const state = hostState({
      collection: {
        state: "unreachable",
        lastErrorCode: "UNREACHABLE",
        lastErrorMessage: "connect ECONNREFUSED 10.0.0.21:22",
        consecutiveFailures: 4,
      },
    });
    const finding = single(run(hostUnreachable, state));
    expect(finding).toMatchObject({
      ruleId: "collection.unreachable",
      severity: "critical",
      objectKind: "host",
      objectName: "db1",
      title: "db1 cannot be reached over SSH",
    });
    expect(finding.evidence.values).toMatchObject({ error: "UNREACHABLE", consecutiveFailures: 4 });
  });

  it("words timeouts and is only a warning when the key is refused", () => {
    const timeout = hostState({ collection: { state: "timeout" } });
    expect(single(run(hostUnreachable, timeout)).title).toBe("db1 did not answer in time");
    const refused = single(
      run(hostUnreachable, hostState({ collection: { state: "auth_failed" } })),
    );
    expect(refused.severity).toBe("warning");
    expect(refused.title).toBe("db1 refused Holmes's SSH key");
  });

  it("says nothing when polling works, even partly, or has not started", () => {
    for (const collectionState of ["ok", "partial", "never", "host_key_changed"]) {
      expect(run(hostUnreachable, hostState({ collection: { state: collectionState } }))).toEqual(
        [],
      );
    }
  });
});

describe("collection.host_key_changed", () => {
  it("is critical with both fingerprints when the presented key differs", () => {
    const state = hostState({
      collection: { state: "host_key_changed", presentedHostKey: "SHA256:newnewnew" },
    });
    const finding = single(run(hostKeyChanged, state));
    expect(finding).toMatchObject({
      ruleId: "collection.host_key_changed",
      severity: "critical",
      objectName: "db1",
      title: "db1: SSH host key changed",
    });
    expect(finding.evidence.values).toEqual({
      pinned: "SHA256:pinnedpinnedpinned",
      presented: "SHA256:newnewnew",
    });
  });

  it("trusts either record alone: the state, or a presented key that differs", () => {
    expect(
      run(hostKeyChanged, hostState({ collection: { state: "host_key_changed" } })),
    ).toHaveLength(1);
    expect(
      run(hostKeyChanged, hostState({ collection: { presentedHostKey: "SHA256:x" } })),
    ).toHaveLength(1);
  });

  it("says nothing when no other key was presented, or it is the pinned one", () => {
    expect(run(hostKeyChanged, hostState())).toEqual([]);
    const same = hostState({ collection: { presentedHostKey: "SHA256:pinnedpinnedpinned" } });
    expect(run(hostKeyChanged, same)).toEqual([]);
  });
});

describe("collection.tool_missing", () => {
  it("is info for each missing tool", () => {
    const state = hostState({
      collection: { state: "partial", missingTools: ["smartctl", "mdadm"] },
    });
    const findings = run(toolMissing, state);
    expect(findings.map((f) => [f.severity, f.objectName, f.title])).toEqual([
      ["info", "db1/smartctl", "smartctl is not installed on db1"],
      ["info", "db1/mdadm", "mdadm is not installed on db1"],
    ]);
    expect(findings[0]?.explanation).toContain("not healthy");
  });

  it("says nothing when every tool is there", () => {
    expect(run(toolMissing, hostState())).toEqual([]);
  });
});

describe("collection.parse_error", () => {
  it("is a warning per command that could not be read", () => {
    const state = hostState({
      collection: { parseErrors: [{ commandId: "mdstat", message: "line 3: unexpected token" }] },
    });
    const finding = single(run(parseError, state));
    expect(finding).toMatchObject({
      ruleId: "collection.parse_error",
      severity: "warning",
      objectName: "db1/mdstat",
      title: "Could not read mdstat on db1",
    });
    expect(finding.evidence.values.problem).toBe("line 3: unexpected token");
  });

  it("says nothing when every output parsed", () => {
    expect(run(parseError, hostState())).toEqual([]);
  });
});

describe("collection.stale", () => {
  // Polled every 5 min: stale once the last success is more than 3 intervals (15 min) old.
  const polledAt = (lastSuccessAt: Date | null) =>
    hostState({ pollIntervalMs: 5 * 60_000, collection: { lastSuccessAt } });

  it("is a warning after 3 intervals without a successful poll, with its age", () => {
    const finding = single(run(staleData, polledAt(minutesAgo(16))));
    expect(finding).toMatchObject({
      ruleId: "collection.stale",
      severity: "warning",
      objectName: "db1",
      title: "Data from db1 is 16 min old",
    });
    expect(finding.evidence.values.lastSuccessAt).toBe(minutesAgo(16).toISOString());
  });

  it("says nothing after 2 intervals, or at exactly 3", () => {
    expect(run(staleData, polledAt(minutesAgo(10)))).toEqual([]);
    expect(run(staleData, polledAt(minutesAgo(15)))).toEqual([]);
  });

  it("follows the configured number of intervals", () => {
    expect(run(staleData, polledAt(minutesAgo(11)), { staleAfterIntervals: 2 })).toHaveLength(1);
  });

  it("leaves a host never polled successfully to collection.unreachable", () => {
    expect(run(staleData, polledAt(null))).toEqual([]);
  });
});
