import { describe, expect, it } from "vitest";
import { evaluateGate, type GateInput } from "./runbook-gate";

const NOW = new Date("2026-11-22T10:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

const FRESH_EVIDENCE = { lastCaptureAt: minutesAgo(5), kindsHeld: ["md-map", "mdadm-examine"] };
const PASSED = [{ checkId: "md1-readonly", status: "passed", finishedAt: minutesAgo(2) }];
const CONFIRMED = {
  requestedBy: "alice",
  requestedByName: "Alice",
  confirmedBy: "bob",
  confirmedByName: "Bob",
  confirmerRole: "responder" as const,
};

function gateWith(overrides: Partial<GateInput>): GateInput {
  return {
    gate: {
      evidence: ["md-map", "mdadm-examine"],
      maxEvidenceAgeMinutes: 30,
      reason: "rewrites superblocks",
    },
    checks: [{ id: "md1-readonly", description: "md1 is read-only" }],
    latestChecks: PASSED,
    evidence: FRESH_EVIDENCE,
    confirmation: CONFIRMED,
    now: NOW,
    ...overrides,
  };
}

describe("evaluateGate", () => {
  const cases: Array<[string, Partial<GateInput>, { ready: boolean; failing: string[] }]> = [
    ["everything there", {}, { ready: true, failing: [] }],
    [
      "no evidence ever",
      { evidence: { lastCaptureAt: null, kindsHeld: [] } },
      { ready: false, failing: ["evidence"] },
    ],
    [
      "evidence older than the max age",
      { evidence: { ...FRESH_EVIDENCE, lastCaptureAt: minutesAgo(31) } },
      { ready: false, failing: ["evidence"] },
    ],
    [
      "evidence exactly at the max age",
      { evidence: { ...FRESH_EVIDENCE, lastCaptureAt: minutesAgo(30) } },
      { ready: true, failing: [] },
    ],
    [
      "evidence without a needed kind",
      { evidence: { ...FRESH_EVIDENCE, kindsHeld: ["md-map"] } },
      { ready: false, failing: ["evidence"] },
    ],
    ["pre-check never run", { latestChecks: [] }, { ready: false, failing: ["preChecks"] }],
    [
      "pre-check failed",
      { latestChecks: [{ ...PASSED[0], status: "failed" } as GateInput["latestChecks"][number]] },
      { ready: false, failing: ["preChecks"] },
    ],
    [
      "pre-check still running",
      { latestChecks: [{ checkId: "md1-readonly", status: "running", finishedAt: null }] },
      { ready: false, failing: ["preChecks"] },
    ],
    [
      "pre-check passed too long ago",
      { latestChecks: [{ checkId: "md1-readonly", status: "passed", finishedAt: minutesAgo(45) }] },
      { ready: false, failing: ["preChecks"] },
    ],
    [
      "a passed check of another id",
      { latestChecks: [{ checkId: "other", status: "passed", finishedAt: minutesAgo(1) }] },
      { ready: false, failing: ["preChecks"] },
    ],
    ["no pre-checks at all", { checks: [], latestChecks: [] }, { ready: true, failing: [] }],
    ["nobody asked", { confirmation: null }, { ready: false, failing: ["confirmation"] }],
    [
      "asked, not confirmed",
      { confirmation: { ...CONFIRMED, confirmedBy: null, confirmerRole: null } },
      { ready: false, failing: ["confirmation"] },
    ],
    [
      "confirmed by the asker",
      { confirmation: { ...CONFIRMED, confirmedBy: "alice" } },
      { ready: false, failing: ["confirmation"] },
    ],
    [
      "confirmed by a viewer",
      { confirmation: { ...CONFIRMED, confirmerRole: "viewer" } },
      { ready: false, failing: ["confirmation"] },
    ],
    [
      "confirmed by an admin",
      { confirmation: { ...CONFIRMED, confirmerRole: "admin" } },
      { ready: true, failing: [] },
    ],
    [
      "nothing there",
      { evidence: { lastCaptureAt: null, kindsHeld: [] }, latestChecks: [], confirmation: null },
      { ready: false, failing: ["evidence", "preChecks", "confirmation"] },
    ],
  ];

  it.each(cases)("%s", (_name, overrides, expected) => {
    const state = evaluateGate(gateWith(overrides));
    const failing = (["evidence", "preChecks", "confirmation"] as const).filter(
      (k) => !state[k].isMet,
    );
    expect({ ready: state.isReady, failing }).toEqual(expected);
  });

  it("says why in words the gate panel shows", () => {
    const stale = evaluateGate(
      gateWith({ evidence: { ...FRESH_EVIDENCE, lastCaptureAt: minutesAgo(90) } }),
    );
    expect(stale.evidence).toMatchObject({
      isStale: true,
      detail: "last captured 90 min ago, older than 30 min",
    });
    const lacking = evaluateGate(gateWith({ evidence: { ...FRESH_EVIDENCE, kindsHeld: [] } }));
    expect(lacking.evidence.missingKinds).toEqual(["md-map", "mdadm-examine"]);
    const self = evaluateGate(gateWith({ confirmation: { ...CONFIRMED, confirmedBy: "alice" } }));
    expect(self.confirmation.detail).toContain("same person");
    expect(evaluateGate(gateWith({})).confirmation.detail).toBe("Alice asked, Bob confirmed");
    expect(evaluateGate(gateWith({ latestChecks: [] })).preChecks.pendingCheckIds).toEqual([
      "md1-readonly",
    ]);
  });
});
