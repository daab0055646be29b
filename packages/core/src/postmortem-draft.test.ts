import { describe, expect, it } from "vitest";
import { composePostmortemDraft, type DraftFacts, minutesPerSeverity } from "./postmortem-draft";
import { cell } from "./postmortem-draft-text";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));
const incident = {
  number: 42,
  title: "md2 degraded",
  severity: 1,
  startedAt: at(0),
  detectedAt: at(5),
  resolvedAt: at(95),
};

describe("minutesPerSeverity", () => {
  it("splits the detected → resolved window at each severity change", () => {
    const changes = [
      { at: at(20), from: 3, to: 2 },
      { at: at(50), from: 2, to: 1 },
    ];
    expect(minutesPerSeverity(incident, changes)).toEqual([
      { severity: 1, minutes: 45 },
      { severity: 2, minutes: 30 },
      { severity: 3, minutes: 15 },
    ]);
  });

  it("clips a change made before detection and counts the current severity without changes", () => {
    expect(minutesPerSeverity(incident, [{ at: at(1), from: 4, to: 1 }])).toEqual([
      { severity: 1, minutes: 90 },
    ]);
    expect(minutesPerSeverity({ ...incident, severity: 3 }, [])).toEqual([
      { severity: 3, minutes: 90 },
    ]);
  });

  it("has no impact time for an incident that is not resolved", () => {
    expect(minutesPerSeverity({ ...incident, resolvedAt: null }, [])).toEqual([]);
  });
});

describe("composePostmortemDraft", () => {
  const facts: DraftFacts = {
    incident,
    severityChanges: [],
    hosts: [{ name: "stor-a07", groups: ["storage"] }],
    components: ["NFS home directories"],
    timeline: [
      {
        key: "e:1",
        source: "lifecycle",
        kind: "severity_changed",
        at: at(6),
        actorName: "Pat",
        data: { from: 2, to: 1 },
      },
      {
        key: "f:9",
        source: "machine",
        kind: "finding_opened",
        at: at(3),
        hostName: "stor-a07",
        severity: "critical",
        title: "md2 is degraded",
        detail: null,
      },
    ],
    findings: [],
    arrays: [
      {
        hostName: "stor-a07",
        capturedAt: at(4),
        map: {
          uuid: "u-1",
          name: "md2",
          device: "/dev/md2",
          level: "raid10",
          layout: null,
          chunkKb: 512,
          raidDevices: 4,
          superblock: "1.2",
          creationTime: null,
          members: [
            {
              slot: 0,
              role: "active",
              device: "/dev/sdc1",
              disk: "/dev/sdc",
              serial: "WD-A|B",
              wwn: null,
              events: 10,
              updateTime: null,
              superblock: "1.2",
              dataOffsetSectors: 2048,
              deviceUuid: null,
              isBehind: false,
            },
          ],
        },
      },
    ],
    runbookSteps: [],
  };

  it("fills the sections from the record and words each timeline entry", () => {
    const draft = composePostmortemDraft(facts);
    expect(draft.title).toBe("Post-mortem: INC-42 md2 degraded");
    expect(draft.sections.impact).toContain("Time at SEV1: 1 h 30 min");
    expect(draft.sections.impact).toContain(
      "Impact window: 2026-11-01 10:05 UTC → 2026-11-01 11:35 UTC",
    );
    expect(draft.sections.impact).toContain("Components: NFS home directories");
    expect(draft.sections.supportingInformation).toContain(
      "- **stor-a07 /dev/md2** (raid10, 4 devices, UUID u-1;",
    );
    expect(draft.sections.supportingInformation).toContain(
      "  - slot 0 · active · /dev/sdc1 · serial WD-A|B",
    );
    expect(draft.timeline.map((t) => t.text)).toEqual([
      "severity changed: 2 → 1",
      "md2 is degraded",
    ]);
    expect(draft.sections.detection).toContain("declared by hand");
  });

  it("keeps table cells on one line", () => {
    expect(cell("a|b\n  c")).toBe("a\\|b c");
  });
});
