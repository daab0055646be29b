import { type EvidenceMdArray, EvidenceMdArraySchema } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { requestEvidenceCapture } from "@holmes/db/queries/evidence-requests";
import { loadRecoveryEvidence } from "@holmes/db/queries/evidence-sheet";
import {
  evidenceAlerts,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
  findings,
} from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { mirrorSets } from "@holmes/findings";
import { SCENARIOS } from "@holmes/probes/simulate";
import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pollAndCapture } from "./testing";

const MINUTE = 60_000;
const overwrite = SCENARIOS["superblock-overwrite"].marks;

const countOf = async (db: Database, hostId: string) =>
  (await db.select().from(evidenceVersions).where(eq(evidenceVersions.hostId, hostId))).length;

const openRules = async (db: Database, hostId: string) =>
  (
    await db
      .select()
      .from(findings)
      .where(and(eq(findings.hostId, hostId), ne(findings.state, "resolved")))
  ).map((f) => f.ruleId);

function mdMapOf(content: string | undefined): EvidenceMdArray {
  return EvidenceMdArraySchema.parse(JSON.parse(content ?? "null"));
}

describe.each(testDatabaseKinds())("evidence capture from the simulated fleet on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("scenario 3: keeps the last good md map and LVM metadata across the superblock overwrite", async () => {
    const { db } = database();
    const before = await pollAndCapture(
      db,
      "superblock-overwrite",
      (overwrite.reinstalling ?? 0) - MINUTE,
    );
    expect(before.capture.changed).toEqual(
      expect.arrayContaining([
        "fstab",
        "lsblk",
        "mdadm-conf",
        "mdadm-detail-scan",
        "lvm-metadata:vg0",
      ]),
    );
    const firstKeys = before.capture.changed;
    expect(firstKeys.filter((k) => k.startsWith("md-map:"))).toHaveLength(2);
    expect(firstKeys.filter((k) => k.startsWith("mdadm-examine:serial="))).toHaveLength(20);
    expect(firstKeys.filter((k) => k.startsWith("partition-table:serial="))).toHaveLength(10);

    const after = await pollAndCapture(
      db,
      "superblock-overwrite",
      (overwrite.reinstalled ?? 0) + 2 * MINUTE,
      {
        isSameHost: true,
      },
    );
    expect(after.hostId).toBe(before.hostId);
    expect(after.capture.alerts.join("\n")).toMatch(
      /vg0: metadata seqno went back from \d+ to 2 and the VG UUID changed/,
    );
    const heads = await db
      .select()
      .from(evidenceHeads)
      .where(eq(evidenceHeads.hostId, after.hostId));
    const mdHeads = heads.filter((h) => h.itemKey.startsWith("md-map:"));
    expect(mdHeads.map((h) => h.isAbsent)).toEqual([true, true]);

    // The sheet's view of the vault: the md maps from before, the old vg0 behind its alert.
    const sheet = await loadRecoveryEvidence(db, after.hostId, new Date());
    const maps = sheet.items
      .filter((i) => i.itemKey.startsWith("md-map:"))
      .map((i) => ({
        head: i.head,
        map: mdMapOf(i.lastGood?.content),
        integrity: i.lastGood?.integrity,
      }));
    const md1 = maps.find((m) => m.map.name === "md1");
    expect(md1?.head.isAbsent).toBe(true);
    expect(md1?.integrity).toBe("ok");
    expect(md1?.map).toMatchObject({ level: "raid10", layout: "near=2", raidDevices: 10 });
    const serialBySlot = new Map(md1?.map.members.map((m) => [m.slot, m.serial]));
    expect([...serialBySlot.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(serialBySlot.values()).size).toBe(10);
    expect(md1?.map.members.every((m) => m.events !== null && m.dataOffsetSectors !== null)).toBe(
      true,
    );
    const pairs = mirrorSets(md1?.map.level ?? null, md1?.map.layout ?? null, 10);
    expect(pairs).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    // Each pair is two different disks: sda2+sdb2, sdc2+sdd2, …
    expect(pairs?.map((set) => set.map((slot) => md1?.map.members[slot]?.device))).toEqual([
      ["/dev/sda2", "/dev/sdb2"],
      ["/dev/sdc2", "/dev/sdd2"],
      ["/dev/sde2", "/dev/sdf2"],
      ["/dev/sdg2", "/dev/sdh2"],
      ["/dev/sdi2", "/dev/sdj2"],
    ]);

    const vgAlert = sheet.alerts.find((a) => a.kind === "lvm-seqno-backwards");
    const vgItem = sheet.items.find((i) => i.itemKey === "lvm-metadata:vg0");
    const oldSeqno = Number(vgItem?.beforeChange?.content.match(/\tseqno = (\d+)/)?.[1]);
    expect(oldSeqno).toBeGreaterThan(2);
    expect(vgItem?.beforeChange?.content).toContain('device = "/dev/md1"');
    expect(vgAlert?.detail).toMatchObject({ previousSeqno: oldSeqno, seqno: 2, isNewVg: true });
    // What the reinstall rewrote is shown as it was before: fstab, sda's partition table.
    const earlier = (key: string) =>
      sheet.items.find((i) => i.itemKey.startsWith(key))?.beforeChange;
    expect(earlier("fstab")?.content).toContain("/dev/mapper/vg0-srv");
    expect(
      sheet.items.filter((i) => i.itemKey.startsWith("partition-table:") && i.beforeChange),
    ).toHaveLength(1);
    const vg = sheet.items.find((i) => i.itemKey === "lvm-metadata:vg0");
    expect(vg?.lastGood?.content).toContain("seqno = 2");

    const alerts = await db
      .select()
      .from(evidenceAlerts)
      .where(eq(evidenceAlerts.hostId, after.hostId));
    expect(alerts.map((a) => `${a.kind} ${a.subject}`).sort()).toEqual([
      "array-gone md0",
      "array-gone md1",
      "lvm-seqno-backwards vg0",
    ]);
    const rules = await openRules(db, after.hostId);
    expect(rules).toContain("evidence.lvm_seqno_backwards");
    expect(rules).toContain("evidence.array_gone");
  });

  it("stores a version only when the content changes, and records a requested capture", async () => {
    const { db } = database();
    const at = (overwrite.reinstalling ?? 0) - 3 * MINUTE;
    const first = await pollAndCapture(db, "superblock-overwrite", at);
    const stored = await countOf(db, first.hostId);
    expect(stored).toBe(first.capture.changed.length);
    const second = await pollAndCapture(db, "superblock-overwrite", at + MINUTE, {
      isSameHost: true,
    });
    expect(second.capture).toMatchObject({ captureId: null, changed: [] });
    expect(await countOf(db, first.hostId)).toBe(stored);

    await requestEvidenceCapture(db, {
      hostIds: [first.hostId],
      reason: "on_demand",
      context: { userId: "user-responder" },
      now: new Date(),
    });
    const third = await pollAndCapture(db, "superblock-overwrite", at + 2 * MINUTE, {
      isSameHost: true,
    });
    expect(third.capture.reason).toBe("on_demand");
    expect(third.capture.changed).toEqual([]);
    const captures = await db
      .select()
      .from(evidenceCaptures)
      .where(eq(evidenceCaptures.hostId, first.hostId));
    expect(captures.map((c) => c.reason)).toEqual(["poll", "on_demand"]);
    // Its raw outputs hashed as before and nobody stored a version since: nothing was built.
    expect(second.capture.itemCount).toBe(0);
  });

  it("builds nothing for a poll without the partition tables (SMART not due) when the rest is as before", async () => {
    const { db } = database();
    const at = (overwrite.reinstalling ?? 0) - 3 * MINUTE;
    const first = await pollAndCapture(db, "superblock-overwrite", at);
    const stored = await countOf(db, first.hostId);
    const hasTables = (sections: ReadonlyArray<{ id: string }>) =>
      sections.some((section) => section.id.startsWith("sfdisk-dump:"));
    expect(hasTables(first.sections)).toBe(true);

    const withoutTables = await pollAndCapture(db, "superblock-overwrite", at + MINUTE, {
      isSameHost: true,
      isSmartDue: false,
    });
    expect(hasTables(withoutTables.sections)).toBe(false);
    expect(withoutTables.capture).toMatchObject({ captureId: null, changed: [], itemCount: 0 });
    // The tables read again, as they were: still nothing to build.
    const tablesAgain = await pollAndCapture(db, "superblock-overwrite", at + 2 * MINUTE, {
      isSameHost: true,
    });
    expect(hasTables(tablesAgain.sections)).toBe(true);
    expect(tablesAgain.capture).toMatchObject({ captureId: null, changed: [], itemCount: 0 });
    expect(await countOf(db, first.hostId)).toBe(stored);
  });

  it("a member kicked out of its array lags in events: highlighted and a finding", async () => {
    const { db } = database();
    const marks = SCENARIOS["disk-wearout-rebuild"].marks;
    const polled = await pollAndCapture(
      db,
      "disk-wearout-rebuild",
      (marks.rebuilding ?? 0) + 4 * MINUTE,
    );
    const alerts = await db
      .select()
      .from(evidenceAlerts)
      .where(eq(evidenceAlerts.hostId, polled.hostId));
    const diverged = alerts.find((a) => a.kind === "events-diverged");
    expect(diverged?.subject).toBe("md2");
    expect(diverged?.message).toMatch(/\/dev\/sdd1 \(\S+\) 37 behind/);
    expect(await openRules(db, polled.hostId)).toContain("evidence.events_diverged");
  });
});
