import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
} from "../schema";
import { evidenceWrite, testDatabaseKinds, useTestDatabase } from "../testing";
import { loadEvidenceHeads, writeEvidenceCapture, writeEvidenceCaptures } from "./evidence-capture";
import { addHosts, listPollTargets } from "./hosts";

const T0 = new Date("2026-06-01T03:00:00Z");
const capture = (hostId: string, contents: Record<string, string>, isDue = false) =>
  evidenceWrite(hostId, contents, T0, { isDue });

describe.each(testDatabaseKinds())("evidence captures of several hosts at once on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function hosts(...names: string[]) {
    const { db } = database();
    await addHosts(
      db,
      names.map((name, i) => ({ name, address: `192.0.2.${i + 1}` })),
    );
    const targets = await listPollTargets(db, names);
    return names.map((name) => targets.find((t) => t.name === name)?.id ?? "");
  }

  it("stores each host's capture, versions and heads as its own, in one transaction", async () => {
    const { db } = database();
    const [a, quiet, due, b] = await hosts(
      `a-${kind}`,
      `quiet-${kind}`,
      `due-${kind}`,
      `b-${kind}`,
    );
    const written = await writeEvidenceCaptures(db, [
      capture(a ?? "", { "md-map:md0": "a md0", lsblk: "a lsblk" }),
      capture(quiet ?? "", {}),
      capture(due ?? "", {}, true),
      capture(b ?? "", { lsblk: "b lsblk" }),
    ]);
    // Nothing changed and nothing due: no capture for that host.
    expect(written[1]).toBeNull();
    expect(written[2]?.versionIds.size).toBe(0);
    const captures = await db.select().from(evidenceCaptures).orderBy(asc(evidenceCaptures.id));
    expect(captures.map((c) => [c.hostId, c.changedCount, c.itemCount])).toEqual([
      [a, 2, 2],
      [due, 0, 0],
      [b, 1, 1],
    ]);
    for (const [hostId, result] of [
      [a, written[0]],
      [due, written[2]],
      [b, written[3]],
    ] as const) {
      expect(result?.captureId).toBe(captures.find((c) => c.hostId === hostId)?.id);
      // Every version belongs to its own host's capture, and each head points at its version.
      const versions = await db
        .select()
        .from(evidenceVersions)
        .where(eq(evidenceVersions.hostId, hostId ?? ""));
      expect(versions.every((v) => v.captureId === result?.captureId)).toBe(true);
      expect(new Map(versions.map((v) => [v.itemKey, v.id]))).toEqual(result?.versionIds);
      const heads = await loadEvidenceHeads(db, hostId ?? "");
      expect(new Map([...heads].map(([key, head]) => [key, head.versionId]))).toEqual(
        result?.versionIds,
      );
    }
    expect((await db.select().from(evidenceVersions)).map((v) => v.content).sort()).toEqual([
      "a lsblk",
      "a md0",
      "b lsblk",
    ]);
  });

  it("writes what one host's capture alone writes", async () => {
    const { db } = database();
    const [alone, together] = await hosts(`alone-${kind}`, `together-${kind}`);
    const items = { "md-map:md0": "md0 v1", fstab: "fstab v1" };
    await writeEvidenceCapture(db, capture(alone ?? "", items));
    await writeEvidenceCaptures(db, [capture(together ?? "", items)]);
    const stored = async (hostId: string) => {
      const versions = await db
        .select()
        .from(evidenceVersions)
        .where(eq(evidenceVersions.hostId, hostId))
        .orderBy(asc(evidenceVersions.itemKey));
      const heads = await db
        .select()
        .from(evidenceHeads)
        .where(eq(evidenceHeads.hostId, hostId))
        .orderBy(asc(evidenceHeads.itemKey));
      const [run] = await db
        .select()
        .from(evidenceCaptures)
        .where(eq(evidenceCaptures.hostId, hostId));
      const { id: _id, hostId: _host, ...captureRow } = run ?? { id: 0, hostId: "" };
      return {
        capture: captureRow,
        versions: versions.map(({ id: _v, hostId: _h, captureId: _c, ...v }) => v),
        heads: heads.map(({ hostId: _h, versionId: _v, ...h }) => h),
      };
    };
    expect(await stored(together ?? "")).toEqual(await stored(alone ?? ""));
  });

  it("takes a host's pending requests and records the capture as asked for", async () => {
    const { db } = database();
    const [asked, other] = await hosts(`asked-${kind}`, `other-${kind}`);
    await db.insert(evidenceCaptureRequests).values({
      hostId: asked ?? "",
      reason: "on_demand",
      context: {},
      requestedAt: T0,
    });
    const written = await writeEvidenceCaptures(db, [
      { ...capture(asked ?? "", {}), hasPendingRequest: true },
      capture(other ?? "", { lsblk: "other lsblk" }),
    ]);
    expect(written.map((w) => w?.reason)).toEqual(["on_demand", "poll"]);
    const [request] = await db.select().from(evidenceCaptureRequests);
    expect(request?.captureId).toBe(written[0]?.captureId);
    expect(request?.takenAt).toEqual(T0);
  });

  it("refuses a batch with one host twice, and rolls back a batch that fails", async () => {
    const { db } = database();
    const [host] = await hosts(`twice-${kind}`);
    await expect(
      writeEvidenceCaptures(db, [capture(host ?? "", { a: "1" }), capture(host ?? "", { b: "2" })]),
    ).rejects.toThrow(/twice/);
    const unknownHost = "00000000-0000-4000-8000-000000000000";
    await expect(
      writeEvidenceCaptures(db, [
        capture(host ?? "", { a: "1" }),
        capture(unknownHost, { b: "2" }),
      ]),
    ).rejects.toThrow();
    expect(
      await db
        .select()
        .from(evidenceVersions)
        .where(eq(evidenceVersions.hostId, host ?? "")),
    ).toEqual([]);
  });
});
