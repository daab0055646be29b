import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../client";
import { auditLog, evidenceCaptures, evidenceVersions } from "../schema";
import { evidenceWrite, testDatabaseKinds, useTestDatabase } from "../testing";
import { writeEvidenceCapture } from "./evidence-capture";
import { pruneEvidence } from "./evidence-retention";
import { addHosts, listPollTargets } from "./hosts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
// A Wednesday noon: "-200 d" and "-200 d + 1 h" fall in the same calendar week.
const NOW = new Date("2025-06-04T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** Stores one version of one item as a capture of its own, as a poll that changed it would. */
async function store(db: Database, hostId: string, itemKey: string, at: Date, content: string) {
  const written = await writeEvidenceCapture(db, evidenceWrite(hostId, { [itemKey]: content }, at));
  return written?.versionIds.get(itemKey) ?? 0;
}

describe.each(testDatabaseKinds())("evidence retention on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("keeps 90 days whole, then one per week for two years, and always each item's last", async () => {
    const { db } = database();
    await addHosts(db, [{ name: `vault-${kind}`, address: "192.0.2.9" }]);
    const hostId = (await listPollTargets(db, [`vault-${kind}`]))[0]?.id ?? "";
    const id: Record<string, number> = {};
    // Oldest first, as polls would have stored them; the last one of each item is its head.
    id.mapGood = await store(db, hostId, "md-map:x", ago(900 * DAY), "{ members: 10 }");
    id.mapGone = await store(db, hostId, "md-map:x", ago(850 * DAY), "");
    id.lsblkOnly = await store(db, hostId, "lsblk", ago(1000 * DAY), "lsblk v1");
    id.beyond = await store(db, hostId, "fstab", ago(800 * DAY), "fstab v1");
    id.weekOlder = await store(db, hostId, "fstab", ago(200 * DAY), "fstab v2");
    id.weekNewer = await store(db, hostId, "fstab", ago(200 * DAY - HOUR), "fstab v3");
    id.weekAlone = await store(db, hostId, "fstab", ago(120 * DAY), "fstab v4");
    id.recentA = await store(db, hostId, "fstab", ago(30 * DAY), "fstab v5");
    id.recentB = await store(db, hostId, "fstab", ago(30 * DAY - HOUR), "fstab v6");
    id.head = await store(db, hostId, "fstab", ago(DAY), "fstab v7");

    const removed = await pruneEvidence(db, NOW);
    expect(removed).toEqual({ versions: 2, captures: 2 });
    const left = await db
      .select({ id: evidenceVersions.id })
      .from(evidenceVersions)
      .where(eq(evidenceVersions.hostId, hostId));
    const kept = Object.entries(id)
      .filter(([, versionId]) => left.some((row) => row.id === versionId))
      .map(([name]) => name);
    expect(kept.sort()).toEqual(
      [
        "mapGood",
        "mapGone",
        "lsblkOnly",
        "weekNewer",
        "weekAlone",
        "recentA",
        "recentB",
        "head",
      ].sort(),
    );
    const captures = await db
      .select()
      .from(evidenceCaptures)
      .where(eq(evidenceCaptures.hostId, hostId));
    expect(captures).toHaveLength(8);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "evidence.prune"), eq(auditLog.targetType, "evidence")));
    expect(audit?.detail).toMatchObject({
      versions: 2,
      captures: 2,
      keepAllDays: 90,
      weeklyUntilDays: 730,
    });

    // A second run finds nothing more to do, and says nothing in the audit log.
    expect(await pruneEvidence(db, NOW)).toEqual({ versions: 0, captures: 0 });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "evidence.prune"));
    expect(audits).toHaveLength(1);
  });

  it("refuses to rewrite a stored version", async () => {
    const { db } = database();
    await addHosts(db, [{ name: `vault-immutable-${kind}`, address: "192.0.2.10" }]);
    const hostId = (await listPollTargets(db, [`vault-immutable-${kind}`]))[0]?.id ?? "";
    const versionId = await store(db, hostId, "fstab", ago(DAY), "UUID=abc / xfs defaults 0 1\n");
    const rewrite = db
      .update(evidenceVersions)
      .set({ content: "forged" })
      .where(eq(evidenceVersions.id, versionId));
    await expect(rewrite).rejects.toMatchObject({
      cause: { message: "evidence_versions is append-only: UPDATE refused" },
    });
  });
});
