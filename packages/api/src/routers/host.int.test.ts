import { listAudit } from "@holmes/db/queries/audit";
import { addHosts, listPollTargets, recordPresentedHostKey } from "@holmes/db/queries/hosts";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
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
});
