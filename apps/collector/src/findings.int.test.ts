import type { Database } from "@holmes/db/client";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { findingEvents, findings, hosts } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { generateEd25519, startSimServer } from "@holmes/probes/sim-server";
import { createFleet, SCENARIOS, type ScenarioId } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type CollectorSettings, collectHosts } from "./collect";

const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 60_000,
  smartIntervalMs: 600_000,
  concurrency: 2,
};

const clientKey = generateEd25519("holmes-test-collector");
const simHostKey = generateEd25519("sim").privateKey;

/**
 * Polls the one host of a scenario as it is `elapsedMs` into its cycle, through the real collector
 * over SSH, so the findings below come from the same path as in production: render → SSH → parse →
 * store → rules → findings.
 */
async function pollScenarioAt(
  db: Database,
  scenario: ScenarioId,
  elapsedMs: number,
  options: { isSameHost: boolean } = { isSameHost: false },
) {
  const fleet = createFleet({
    hosts: 1,
    seed: 7,
    scenarios: [scenario],
    epochMs: Date.now() - elapsedMs,
  });
  const host = fleet.hosts[0];
  if (!host) throw new Error("fleet without hosts");
  const sim = await startSimServer({
    fleet,
    hostKey: simHostKey,
    authorizedKey: clientKey.publicKey,
  });
  const pool = new SshConnectionPool();
  try {
    // Every one-host fleet names its host alike: a new scenario gets a fresh row (and history).
    const [existing] = await db.select().from(hosts).where(eq(hosts.name, host.hostname));
    if (existing && !options.isSameHost) await db.delete(hosts).where(eq(hosts.id, existing.id));
    if (existing && options.isSameHost) {
      await db.update(hosts).set({ port: sim.port }).where(eq(hosts.id, existing.id));
    } else {
      await addHosts(db, [
        {
          name: host.hostname,
          address: "127.0.0.1",
          port: sim.port,
          username: host.hostname,
          isSimulated: true,
        },
      ]);
    }
    const targets = await listPollTargets(db, [host.hostname]);
    const [result] = await collectHosts(
      {
        db,
        pool,
        settings: SETTINGS,
        privateKeyFor: async () => clientKey.privateKey,
        now: () => new Date(),
      },
      targets,
    );
    return { hostId: targets[0]?.id ?? "", result };
  } finally {
    pool.closeAll();
    await sim.close();
  }
}

async function openFindings(db: Database, hostId: string) {
  return db
    .select()
    .from(findings)
    .where(and(eq(findings.hostId, hostId), ne(findings.state, "resolved")));
}

describe.each(testDatabaseKinds())("findings from the simulated scenarios on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("a wearing disk failed out of RAID10: degraded and rebuilding, the failed member by serial", async () => {
    const { db } = database();
    const marks = SCENARIOS["disk-wearout-rebuild"].marks;
    const { hostId, result } = await pollScenarioAt(
      db,
      "disk-wearout-rebuild",
      (marks.rebuilding ?? 0) + 4 * 60_000,
    );
    expect(result?.status).toBe("ok");
    const open = await openFindings(db, hostId);
    const degraded = open.find((f) => f.ruleId === "md.degraded" && f.objectName === "md2");
    expect(degraded?.severity).toBe("warning");
    expect(degraded?.title).toMatch(/md2 is degraded and rebuilding \(\d+\.\d% done/);
    const worn = open.find((f) => f.ruleId === "disk.ata_predictors" && f.objectName === "sdd");
    expect(worn?.severity).toMatch(/warning|critical/);
    expect(worn?.evidence.values).toHaveProperty("raw 197");
  });

  it("NFS failover: loop-on-NFS advisory, stale handles and the XFS shutdown", async () => {
    const { db } = database();
    const marks = SCENARIOS["nfs-failover"].marks;
    const { hostId } = await pollScenarioAt(db, "nfs-failover", (marks.xfsShutdown ?? 0) + 20_000);
    const open = await openFindings(db, hostId);
    const byRule = (id: string) => open.filter((f) => f.ruleId === id);
    expect(byRule("loop.on_nfs")[0]?.severity).toBe("critical");
    expect(byRule("loop.on_nfs")[0]?.evidence.values.filesystem).toBe("xfs");
    expect(byRule("nfs.stale_file_handle")[0]?.evidence.lines.join("\n")).toContain(
      "Stale file handle",
    );
    expect(byRule("kernel.xfs_shutdown")).not.toHaveLength(0);
  });

  it("a split md array opens critical findings that resolve once it is fixed", async () => {
    const { db } = database();
    const marks = SCENARIOS["md-split-on-create"].marks;
    const split = await pollScenarioAt(db, "md-split-on-create", (marks.split ?? 0) + 60_000);
    const open = await openFindings(db, split.hostId);
    const inactive = open.find((f) => f.ruleId === "md.inactive");
    expect(inactive).toMatchObject({ severity: "critical", objectName: "md127", state: "open" });

    const fixed = await pollScenarioAt(db, "md-split-on-create", (marks.fixed ?? 0) + 60_000, {
      isSameHost: true,
    });
    expect(fixed.hostId).toBe(split.hostId);
    const after = await openFindings(db, fixed.hostId);
    expect(after.find((f) => f.ruleId === "md.inactive")).toBeUndefined();
    const [resolved] = await db
      .select()
      .from(findings)
      .where(eq(findings.id, inactive?.id ?? ""));
    expect(resolved?.state).toBe("resolved");
    const events = await db
      .select({ kind: findingEvents.kind })
      .from(findingEvents)
      .where(eq(findingEvents.findingId, inactive?.id ?? ""))
      .orderBy(findingEvents.id);
    expect(events.map((e) => e.kind)).toEqual(["opened", "resolved"]);
  });
});
