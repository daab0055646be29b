import { listAudit } from "@holmes/db/queries/audit";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { addHosts, listPollTargets, recordPresentedHostKey } from "@holmes/db/queries/hosts";
import { seedStorageHost, testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
import { createUserAccount } from "../auth";
import { callerFor, createTestAuth } from "../testing";

const OLD_KEY = `SHA256:${"A".repeat(43)}`;
const NEW_KEY = `SHA256:${"B".repeat(43)}`;

describe.each(testDatabaseKinds())("host router on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function hostWithChangedKey(name: string) {
    const { db } = database();
    await addHosts(db, [{ name, address: "192.0.2.10", pinnedHostKey: OLD_KEY }]);
    const [host] = await listPollTargets(db, [name]);
    if (!host) throw new Error("seed failed");
    await recordPresentedHostKey(db, host.id, NEW_KEY, new Date());
    return host;
  }

  it("lists hosts with the key an admin must review", async () => {
    const { db } = database();
    const host = await hostWithChangedKey("stor-key-1");
    const hosts = await callerFor(db, createTestAuth(db), "viewer").host.list();
    expect(hosts.find((h) => h.id === host.id)).toMatchObject({
      pinnedHostKey: OLD_KEY,
      presentedHostKey: NEW_KEY,
    });
  });

  it("lets an admin accept the presented key, resumes polling and audits it", async () => {
    const { db } = database();
    const host = await hostWithChangedKey("stor-key-2");
    await callerFor(db, createTestAuth(db), "admin").host.acceptHostKey({
      id: host.id,
      fingerprint: NEW_KEY,
    });
    const [after] = await listPollTargets(db, [host.name]);
    expect(after).toMatchObject({ pinnedHostKey: NEW_KEY, presentedHostKey: null });
    const { items } = await listAudit(db, { limit: 1 });
    expect(items[0]).toMatchObject({
      action: "host.acceptHostKey",
      targetType: "host",
      targetId: host.id,
    });
  });

  it("refuses to accept a key the host no longer presents", async () => {
    const { db } = database();
    const host = await hostWithChangedKey("stor-key-3");
    const attempt = callerFor(db, createTestAuth(db), "admin").host.acceptHostKey({
      id: host.id,
      fingerprint: `SHA256:${"C".repeat(43)}`,
    });
    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT" });
    const [after] = await listPollTargets(db, [host.name]);
    expect(after?.pinnedHostKey).toBe(OLD_KEY);
  });

  it("shows a host page by name or id: degraded md2 with the failed member's disk, health", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "stor-page-1", new Date());
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    const page = await viewer.host.byId({ host: "stor-page-1" });
    expect(page.summary.id).toBe(hostId);
    // The loop-on-NFS finding is critical, and it outranks everything else.
    expect(page.health).toBe("critical");
    expect(page.isStale).toBe(false);
    const md2 = page.arrays.find((a) => a.name === "md2");
    expect(md2?.members.find((m) => m.isFaulty)).toMatchObject({
      device: "sdd1",
      diskSerial: "ZC100002",
      disk: { name: "sdd" },
    });
    // near=2 over 4 slots: pairs (0,1) and (2,3); slot 1 is still rebuilding ([U_UU]).
    expect(md2?.redundancy).toEqual({
      mirrorSets: [
        [0, 1],
        [2, 3],
      ],
      failuresLeft: 0,
    });
    expect((await viewer.host.byId({ host: hostId })).summary.name).toBe("stor-page-1");
    await expect(viewer.host.byId({ host: "no-such-host" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("calls a host whose last success is old stale, never healthy", async () => {
    const { db } = database();
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const { hostId } = await seedStorageHost(db, "stor-page-stale", hourAgo);
    // With no finding open, a clean but hour-old report must still not read "healthy".
    await reconcileFindings(db, hostId, [], hourAgo);
    const page = await callerFor(db, createTestAuth(db), "viewer").host.byId({ host: hostId });
    expect(page).toMatchObject({ isStale: true, health: "stale", findings: [] });
  });

  it("serves chart series and a run's raw output, and not another host's run", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "stor-page-2", new Date());
    const other = await seedStorageHost(db, "stor-page-3", new Date());
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    const series = await viewer.host.series({
      hostId,
      range: "24h",
      subject: { kind: "disk", serial: "ZC100002" },
    });
    expect(series.smart[0]?.lines.ata197?.map((p) => p.value)).toEqual([16, 32, 48]);
    const page = await viewer.host.byId({ host: hostId });
    const partial = page.problemRuns.find((r) => r.status === "partial");
    const output = await viewer.host.probeRunOutput({ hostId, runId: partial?.id ?? 0 });
    expect(output.sections.map((s) => s.id)).toEqual(["uname", "mountstats"]);
    await expect(
      viewer.host.probeRunOutput({ hostId: other.hostId, runId: partial?.id ?? 0 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a responder mark an array degraded by design (audited), not a viewer", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "stor-page-4", new Date());
    const auth = createTestAuth(db);
    const mark = { hostId, arrayName: "md2", isDegradedByDesign: true, note: "three-disk RAID10" };
    await expect(
      callerFor(db, auth, "viewer").host.setArrayExpectation(mark),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const user = { email: "resp@holmes.test", name: "Rita Responder", role: "responder" as const };
    const { id } = await createUserAccount(auth, { ...user, password: "responder password 1" });
    const responder = callerFor(db, auth, "responder", { user: { id, ...user } });
    await expect(responder.host.setArrayExpectation({ ...mark, note: "  " })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
    await responder.host.setArrayExpectation(mark);
    const page = await responder.host.byId({ host: hostId });
    expect(page.arrays.find((a) => a.name === "md2")?.expectation).toMatchObject({
      isDegradedByDesign: true,
      note: "three-disk RAID10",
      setByName: "Rita Responder",
    });
    const { items } = await listAudit(db, { limit: 1 });
    expect(items[0]).toMatchObject({
      action: "host.setArrayExpectation",
      targetType: "host",
      targetId: hostId,
    });
    await responder.host.setArrayExpectation({ ...mark, isDegradedByDesign: false, note: null });
    const after = await responder.host.byId({ host: hostId });
    expect(after.arrays[0]?.expectation?.isDegradedByDesign).toBe(false);
  });
});
