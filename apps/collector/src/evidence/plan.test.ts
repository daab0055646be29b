import type { EvidenceHead } from "@holmes/db/queries/evidence-capture";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./hash";
import type { EvidenceItem, EvidenceItems } from "./items";
import { planCapture } from "./plan";

const NOW = new Date("2025-06-04T12:00:00Z");
const HOUR = 3_600_000;

function item(itemKey: string, content: string, fingerprintText = content): EvidenceItem {
  const kind = itemKey.split(":")[0] as EvidenceItem["kind"];
  const family = kind === "mdadm-examine" ? "md" : kind === "partition-table" ? "partition" : null;
  return {
    itemKey,
    kind,
    label: itemKey,
    source: "test",
    content,
    fingerprintText,
    summary: null,
    family,
  };
}

function head(
  from: EvidenceItem,
  ageHours: number,
  overrides: Partial<EvidenceHead> = {},
): EvidenceHead {
  return {
    itemKey: from.itemKey,
    versionId: 1,
    sha256: sha256Hex(from.content),
    fingerprint: sha256Hex(from.fingerprintText),
    isAbsent: false,
    capturedAt: new Date(NOW.getTime() - ageHours * HOUR),
    ...overrides,
  };
}

const plan = (items: EvidenceItems, heads: EvidenceHead[], options = { isRequested: false }) =>
  planCapture({
    items,
    heads: new Map(heads.map((h) => [h.itemKey, h])),
    observedAt: NOW,
    lastCaptureAt: new Date(NOW.getTime() - HOUR),
    ...options,
  });

describe("planCapture", () => {
  const examine = (events: number) =>
    item("mdadm-examine:serial=A/1", `Events : ${events}\n`, "Events masked\n");

  it("stores nothing for an unchanged item, and a new version for a changed one", () => {
    const fstab = item("fstab", "/ xfs\n");
    expect(plan({ items: [fstab], judged: new Set() }, [head(fstab, 1)]).versions).toEqual([]);
    const edited = item("fstab", "/ xfs\n/srv xfs\n");
    const versions = plan({ items: [edited], judged: new Set() }, [head(fstab, 1)]).versions;
    expect(versions.map((v) => [v.itemKey, v.previous?.versionId])).toEqual([["fstab", 1]]);
  });

  it("refreshes volatile fields only once a day, or when a capture was asked for", () => {
    const stored = head(examine(100), 2);
    const items = { items: [examine(180)], judged: new Set(["md" as const]) };
    expect(plan(items, [stored]).versions).toEqual([]);
    expect(
      plan(items, [{ ...stored, capturedAt: new Date(NOW.getTime() - 25 * HOUR) }]).versions,
    ).toHaveLength(1);
    expect(plan(items, [stored], { isRequested: true }).versions).toHaveLength(1);
  });

  it("records an item as gone only when its family was read completely", () => {
    const table = item("partition-table:serial=A", "label: gpt\n");
    const gone = plan({ items: [], judged: new Set(["partition" as const]) }, [head(table, 1)]);
    expect(gone.versions).toMatchObject([{ itemKey: table.itemKey, isAbsent: true, content: "" }]);
    expect(plan({ items: [], judged: new Set() }, [head(table, 1)]).versions).toEqual([]);
    const back = plan({ items: [table], judged: new Set() }, [head(table, 1, { isAbsent: true })]);
    expect(back.versions).toMatchObject([{ itemKey: table.itemKey, isAbsent: false }]);
  });

  it("is due for the daily confirmation a day after the last recorded capture", () => {
    const items = { items: [], judged: new Set<never>() };
    const at = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
    const due = (lastCaptureAt: Date | null) =>
      planCapture({ items, heads: new Map(), observedAt: NOW, lastCaptureAt, isRequested: false })
        .isDue;
    expect([due(null), due(at(23)), due(at(24))]).toEqual([true, false, true]);
  });
});
