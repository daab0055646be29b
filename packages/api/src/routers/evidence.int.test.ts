import { createHash } from "node:crypto";
import type { EvidenceMdArray } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { type NewEvidenceVersion, writeEvidenceCapture } from "@holmes/db/queries/evidence-capture";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { auditLog, evidenceCaptureRequests } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth } from "../testing";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const T0 = new Date("2025-05-01T10:00:00Z");
const T1 = new Date("2025-05-02T10:00:00Z");

const member = (slot: number) => ({
  slot,
  role: "active",
  device: `/dev/sd${"abcd"[slot]}2`,
  disk: `/dev/sd${"abcd"[slot]}`,
  serial: `WD-${slot}`,
  wwn: `0x5000c5000000000${slot}`,
  events: 4242,
  updateTime: "Thu May  1 09:59:00 2025",
  superblock: "1.2",
  dataOffsetSectors: 264192,
  deviceUuid: `dev-${slot}`,
  isBehind: false,
});
const MD1: EvidenceMdArray = {
  uuid: "aa:bb:cc:dd",
  name: "md1",
  device: "/dev/md1",
  level: "raid10",
  layout: "near=2",
  chunkKb: 512,
  raidDevices: 4,
  superblock: "1.2",
  creationTime: "Mon Jan  6 08:00:00 2025",
  members: [0, 1, 2, 3].map(member),
};
const VG_TEXT = (seqno: number, id: string) =>
  `vg0 {\n\tid = "${id}"\n\tseqno = ${seqno}\n\tphysical_volumes {\n\t\tpv0 {\n\t\t\tdevice = "/dev/md1"\n\t\t}\n\t}\n}\n`;
const vgSummary = (seqno: number, id: string) => ({
  vgName: "vg0",
  vgId: id,
  seqno,
  pvs: [{ key: "pv0", id: "pv-uuid", deviceHint: "/dev/md1", devSizeSectors: 100, peCount: 10 }],
  lvs: [],
});

function version(
  itemKey: string,
  content: string,
  summary: Record<string, unknown> | null = null,
): NewEvidenceVersion {
  return {
    itemKey,
    kind: itemKey.split(":")[0] ?? itemKey,
    label: itemKey.split(":")[1] ?? itemKey,
    source: "test",
    content,
    sha256: sha(content),
    fingerprint: sha(content),
    isAbsent: false,
    summary,
  };
}

/** A host with two captures: the md map and vg0, then vg0 re-created with a lower seqno. */
async function seedVault(db: Database, name: string) {
  await addHosts(db, [{ name, address: "192.0.2.30" }]);
  const hostId = (await listPollTargets(db, [name]))[0]?.id ?? "";
  const base = { hostId, probeRunId: null, reason: "poll" as const, itemCount: 3, resolves: [] };
  const first = await writeEvidenceCapture(db, {
    ...base,
    capturedAt: T0,
    versions: [
      version("md-map:aa:bb:cc:dd", `${JSON.stringify(MD1, null, 2)}\n`),
      version("lvm-metadata:vg0", VG_TEXT(9, "OLD-VG"), vgSummary(9, "OLD-VG")),
      version("fstab", "/dev/mapper/vg0-root / xfs defaults 0 1\n"),
    ],
    alerts: [],
    isDue: true,
    hasPendingRequest: false,
  });
  const oldVg = first?.versionIds.get("lvm-metadata:vg0") ?? 0;
  const second = await writeEvidenceCapture(db, {
    ...base,
    capturedAt: T1,
    versions: [version("lvm-metadata:vg0", VG_TEXT(2, "NEW-VG"), vgSummary(2, "NEW-VG"))],
    alerts: [
      {
        kind: "lvm-seqno-backwards",
        subject: "vg0",
        itemKey: "lvm-metadata:vg0",
        previousVersionId: oldVg,
        message: "vg0: metadata seqno went back from 9 to 2 and the VG UUID changed",
        detail: { previousSeqno: 9, seqno: 2, isNewVg: true },
      },
    ],
    isDue: false,
    hasPendingRequest: false,
  });
  return { hostId, oldVg, newVg: second?.versionIds.get("lvm-metadata:vg0") ?? 0 };
}

describe.each(testDatabaseKinds())("evidence router on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("lists items and versions, diffs two of them, and audits a download", async () => {
    const { db } = database();
    const { oldVg, newVg } = await seedVault(db, `vault-a-${kind}`);
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    const view = await viewer.evidence.list({ host: `vault-a-${kind}` });
    expect(view.items.map((i) => i.itemKey)).toEqual([
      "md-map:aa:bb:cc:dd",
      "lvm-metadata:vg0",
      "fstab",
    ]);
    expect(view.items[1]?.versions.map((v) => v.id)).toEqual([newVg, oldVg]);
    expect(view.alerts[0]?.kind).toBe("lvm-seqno-backwards");

    const diff = await viewer.evidence.diff({ fromId: oldVg, toId: newVg });
    expect(
      diff.rows.filter((r) => r.kind === "changed").map((r) => [r.left?.text, r.right?.text]),
    ).toEqual([
      ['\tid = "OLD-VG"', '\tid = "NEW-VG"'],
      ["\tseqno = 9", "\tseqno = 2"],
    ]);

    const read = await viewer.evidence.version({ id: oldVg, download: true });
    expect(read).toMatchObject({
      integrity: "ok",
      content: VG_TEXT(9, "OLD-VG"),
      hostName: `vault-a-${kind}`,
    });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "evidence.download"));
    expect(audits).toMatchObject([{ actorEmail: "viewer@holmes.test", targetId: String(oldVg) }]);
    // Reading without the download flag is not a download.
    await viewer.evidence.version({ id: newVg });
    expect(
      await db.select().from(auditLog).where(eq(auditLog.action, "evidence.download")),
    ).toHaveLength(1);
  });

  it("builds the recovery sheet: members by slot and serial, mirror pairs, the VG before", async () => {
    const { db } = database();
    await seedVault(db, `vault-b-${kind}`);
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    const sheet = await viewer.evidence.recoverySheet({ host: `vault-b-${kind}` });
    expect(sheet.arrays).toHaveLength(1);
    expect(sheet.arrays[0]?.mirrorSets).toEqual([
      [
        { slot: 0, device: "/dev/sda2", serial: "WD-0" },
        { slot: 1, device: "/dev/sdb2", serial: "WD-1" },
      ],
      [
        { slot: 2, device: "/dev/sdc2", serial: "WD-2" },
        { slot: 3, device: "/dev/sdd2", serial: "WD-3" },
      ],
    ]);
    expect(sheet.arrays[0]?.capture.capturedAt).toEqual(T0);
    expect(sheet.volumeGroups[0]?.metadata?.seqno).toBe(2);
    expect(sheet.volumeGroups[0]?.before?.metadata?.seqno).toBe(9);
    expect(sheet.volumeGroups[0]?.before?.capture.text).toContain('id = "OLD-VG"');
    expect(sheet.fstab?.text).toContain("vg0-root");

    const { markdown, fileName } = await viewer.evidence.recoverySheetMarkdown({
      host: `vault-b-${kind}`,
    });
    expect(fileName).toMatch(new RegExp(`^recovery-vault-b-${kind}-\\d{12}\\.md$`));
    expect(markdown).toContain("- slots 0+1: /dev/sda2 (WD-0) ↔ /dev/sdb2 (WD-1)");
    expect(markdown).toContain("| 3 | active | /dev/sdd2 | /dev/sdd | WD-3 |");
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "evidence.recoverySheet.download"));
    expect(audits).toHaveLength(1);
  });

  it("verifies every read against its sha256: a tampered version is refused and flagged", async () => {
    const { db } = database();
    const { oldVg } = await seedVault(db, `vault-c-${kind}`);
    // Tampering needs the owner to switch the immutability trigger off first.
    await db.execute(
      sql`alter table evidence_versions disable trigger evidence_versions_immutable`,
    );
    await db.execute(
      sql`update evidence_versions set content = replace(content, 'seqno = 9', 'seqno = 99') where id = ${oldVg}`,
    );
    await db.execute(sql`alter table evidence_versions enable trigger evidence_versions_immutable`);
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    await expect(viewer.evidence.version({ id: oldVg })).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: expect.stringMatching(/failed its integrity check/),
    });
    const sheet = await viewer.evidence.recoverySheet({ host: `vault-c-${kind}` });
    expect(sheet.volumeGroups[0]?.before?.capture).toMatchObject({
      integrity: "mismatch",
      text: null,
    });
  });

  it("captureNow queues one request per host for responders, audited; viewers may not", async () => {
    const { db } = database();
    const { hostId } = await seedVault(db, `vault-d-${kind}`);
    const auth = createTestAuth(db);
    await expect(
      callerFor(db, auth, "viewer").evidence.captureNow({ host: `vault-d-${kind}` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const responder = callerFor(db, auth, "responder");
    expect(await responder.evidence.captureNow({ host: `vault-d-${kind}` })).toEqual({
      id: hostId,
      isQueued: true,
      wasAlreadyQueued: false,
    });
    expect(
      (await responder.evidence.captureNow({ host: `vault-d-${kind}` })).wasAlreadyQueued,
    ).toBe(true);
    const requests = await db
      .select()
      .from(evidenceCaptureRequests)
      .where(eq(evidenceCaptureRequests.hostId, hostId));
    expect(requests).toMatchObject([{ reason: "on_demand", takenAt: null }]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "evidence.captureNow"));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ targetType: "host", targetId: hostId });
    expect((await responder.evidence.list({ host: `vault-d-${kind}` })).pendingRequest).toBe(
      "on_demand",
    );
  });
});
