import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hostCollection, kernelEvents, mdArrays, nfsSamples, probeRuns } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { addHosts, listPollTargets } from "./hosts";
import { clientOf, deleteForHostsStatement, insertRowsStatement, runPrepared } from "./json-rows";

const AT = new Date("2026-06-01T03:00:00.123Z");

/*
 * The JSON-parameter statements must store exactly what drizzle's own insert stores for the same
 * rows: each case writes one row both ways, for two hosts, and reads both back through drizzle.
 */
describe.each(testDatabaseKinds())("rows written as one JSON parameter on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function twoHosts(prefix: string): Promise<[string, string]> {
    const { db } = database();
    const names = [`${prefix}-drizzle`, `${prefix}-json`];
    await addHosts(
      db,
      names.map((name) => ({ name, address: "192.0.2.30" })),
    );
    const rows = await listPollTargets(db, names);
    const id = (name: string) => rows.find((r) => r.name === name)?.id ?? "";
    return [id(names[0] ?? ""), id(names[1] ?? "")];
  }

  it("stores timestamps, jsonb, bytea, null and omitted values as drizzle does", async () => {
    const { db } = database();
    const [viaDrizzle, viaJson] = await twoHosts("types");
    const run = {
      startedAt: AT,
      durationMs: 42,
      status: "partial",
      errorCode: null,
      // errorMessage omitted: null
      rawOutputs: Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0x5c, 0x22]),
      parseErrors: [{ commandId: "mdstat", message: 'line 2: expected "[n/m]", got \\ "x"' }],
    };
    await db.insert(probeRuns).values({ ...run, hostId: viaDrizzle });
    const statement = insertRowsStatement(probeRuns, { tail: 'returning "id", "host_id"' });
    const returned = await runPrepared<{ id: string; host_id: string }>(
      db.$client,
      statement.text,
      statement.json([{ ...run, hostId: viaJson }]),
    );
    expect(returned).toHaveLength(1);
    expect(returned[0]?.host_id).toBe(viaJson);

    const read = async (hostId: string) => {
      const [row] = await db.select().from(probeRuns).where(eq(probeRuns.hostId, hostId));
      return row;
    };
    const [a, b] = [await read(viaDrizzle), await read(viaJson)];
    expect(Number(returned[0]?.id)).toBe(b?.id);
    expect({ ...b, id: 0, hostId: "" }).toEqual({ ...a, id: 0, hostId: "" });
    expect(b?.rawOutputs).toEqual(run.rawOutputs);
    expect(b?.startedAt).toEqual(AT);
    expect(b?.errorMessage).toBeNull();
  });

  it("fills an omitted column from its JavaScript default, and takes text arrays and reals", async () => {
    const { db } = database();
    const [viaDrizzle, viaJson] = await twoHosts("defaults");
    const array = {
      name: "md0",
      state: "active",
      // readOnly, degraded omitted: their default (false)
      raidDisks: 4,
      syncPercent: 12.3,
      syncFinishMinutes: 0.1,
      observedAt: AT,
    };
    await db.insert(mdArrays).values({ ...array, hostId: viaDrizzle });
    const insert = insertRowsStatement(mdArrays);
    await runPrepared(db.$client, insert.text, insert.json([{ ...array, hostId: viaJson }]));
    const rows = await db.select().from(mdArrays).orderBy(mdArrays.hostId);
    const [a, b] = [viaDrizzle, viaJson].map((id) => rows.find((r) => r.hostId === id));
    expect(b).toMatchObject({ readOnly: false, degraded: false, syncPercent: a?.syncPercent });
    expect({ ...b, hostId: "" }).toEqual({ ...a, hostId: "" });

    const status = {
      state: "ok",
      lastSuccessAt: AT,
      consecutiveFailures: 0,
      missingTools: ["smartctl", 'we"ird,{x}'],
    };
    await db.insert(hostCollection).values({ ...status, hostId: viaDrizzle });
    const upsert = insertRowsStatement(hostCollection, {
      keys: ["hostId", "state", "lastSuccessAt", "consecutiveFailures", "missingTools"],
    });
    await runPrepared(db.$client, upsert.text, upsert.json([{ ...status, hostId: viaJson }]));
    const statuses = await db.select().from(hostCollection);
    const [c, d] = [viaDrizzle, viaJson].map((id) => statuses.find((r) => r.hostId === id));
    expect(d?.missingTools).toEqual(status.missingTools);
    expect({ ...d, hostId: "" }).toEqual({ ...c, hostId: "" });
  });

  it("writes many rows with one prepared text, and deletes by a list of hosts", async () => {
    const { db } = database();
    const [first, second] = await twoHosts("many");
    const insert = insertRowsStatement(kernelEvents);
    const rows = (hostId: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        hostId,
        receivedAt: AT,
        kind: "io_error",
        severity: "error",
        rawLine: `[${i}] I/O error, dev sdb, sector ${i} 'quoted' "and" \\ back\u00e9`,
        detail: i % 2 === 0 ? { sector: i } : null,
      }));
    // Different batch sizes, one statement text: the second and third run prepared.
    await runPrepared(db.$client, insert.text, insert.json(rows(first, 3)));
    await runPrepared(db.$client, insert.text, insert.json(rows(second, 250)));
    await runPrepared(db.$client, insert.text, insert.json(rows(first, 1)));
    const stored = await db.select().from(kernelEvents).where(eq(kernelEvents.hostId, second));
    expect(stored).toHaveLength(250);
    const sample = stored.find((row) => row.rawLine.startsWith("[7]"));
    expect(sample?.rawLine).toBe(`[7] I/O error, dev sdb, sector 7 'quoted' "and" \\ back\u00e9`);
    expect(stored.find((row) => row.rawLine.startsWith("[8]"))?.detail).toEqual({ sector: 8 });

    const remove = deleteForHostsStatement(kernelEvents);
    await runPrepared(db.$client, remove.text, [first]);
    const left = await db.select({ hostId: kernelEvents.hostId }).from(kernelEvents);
    expect(new Set(left.map((row) => row.hostId))).toEqual(new Set([second]));
  });

  it("deletes by a list of hosts through the host_id index, in the plan kept from an empty table", async () => {
    const { db } = database();
    const names = Array.from({ length: 40 }, (_, i) => `plan-${i}`);
    await addHosts(
      db,
      names.map((name) => ({ name, address: "192.0.2.31" })),
    );
    const ids = (await listPollTargets(db, names)).map((target) => target.id);
    const remove = deleteForHostsStatement(mdArrays);
    const connection = await db.$client.reserve();
    try {
      // Prepared while the hosts have no arrays; after five runs Postgres may keep a generic plan.
      await connection.unsafe(`prepare remove_arrays (uuid[]) as ${remove.text}`);
      for (let run = 0; run < 6; run++) {
        await connection.unsafe(`execute remove_arrays ('{${ids[run]}}')`);
      }
      const insert = insertRowsStatement(mdArrays);
      const arrays = ids.flatMap((hostId) =>
        Array.from({ length: 60 }, (_, i) => ({
          hostId,
          name: `md${i}`,
          state: "clean",
          observedAt: AT,
        })),
      );
      await runPrepared(db.$client, insert.text, insert.json(arrays));
      const plan = await connection.unsafe<Array<{ "QUERY PLAN": string }>>(
        `explain execute remove_arrays ('{${ids[0]}}')`,
      );
      const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
      expect(text).toMatch(/Index/);
      expect(text).not.toMatch(/Seq Scan/);
      await connection.unsafe("deallocate remove_arrays");
    } finally {
      connection.release();
    }
  });

  it("runs statements on a drizzle transaction's connection: they commit and roll back with it", async () => {
    const { db } = database();
    const [kept, rolledBack] = await twoHosts("tx");
    const insert = insertRowsStatement(kernelEvents);
    const event = (hostId: string, rawLine: string) => ({
      hostId,
      receivedAt: AT,
      kind: "io_error",
      severity: "error",
      rawLine,
    });
    await db.transaction(async (tx) => {
      await runPrepared(clientOf(tx), insert.text, insert.json([event(kept, "raw")]));
      await tx.insert(kernelEvents).values(event(kept, "drizzle"));
      // The raw statement's row is visible to drizzle inside the same transaction.
      const seen = await tx.select().from(kernelEvents).where(eq(kernelEvents.hostId, kept));
      expect(seen.map((row) => row.rawLine).sort()).toEqual(["drizzle", "raw"]);
    });
    await expect(
      db.transaction(async (tx) => {
        await runPrepared(clientOf(tx), insert.text, insert.json([event(rolledBack, "raw")]));
        throw new Error("give up");
      }),
    ).rejects.toThrow("give up");
    const rows = await db.select({ hostId: kernelEvents.hostId }).from(kernelEvents);
    expect(rows.filter((row) => row.hostId === kept)).toHaveLength(2);
    expect(rows.filter((row) => row.hostId === rolledBack)).toHaveLength(0);
  });

  it("refuses a key the table does not have, when the statement is built", () => {
    expect(() => insertRowsStatement(nfsSamples, { keys: ["hostId", "nope" as "hostId"] })).toThrow(
      /nfs_samples has no column nope/,
    );
  });
});
