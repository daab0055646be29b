import { AppError } from "@holmes/core";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hostCollection, hosts, sshCredentials } from "../schema";
import { runPrepared } from "./json-rows";

/** What the collector needs to poll a host. The sealed key never leaves the collector. */
export type PollTargetRow = {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string | null;
  identityFile: string | null;
  sealedPrivateKey: string | null;
  useSudo: boolean;
  pinnedHostKey: string | null;
  presentedHostKey: string | null;
  lastSuccessAt: Date | null;
  /** The last failed attempt's error, kept through later successes (as host_collection keeps it). */
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastSmartAt: Date | null;
  nextAttemptAt: Date | null;
  consecutiveFailures: number;
};

export async function listPollTargets(
  db: Database,
  names?: readonly string[],
): Promise<PollTargetRow[]> {
  const rows = await db
    .select({
      id: hosts.id,
      name: hosts.name,
      address: hosts.address,
      port: hosts.port,
      username: hosts.username,
      identityFile: hosts.identityFile,
      sealedPrivateKey: sshCredentials.sealedPrivateKey,
      useSudo: hosts.useSudo,
      pinnedHostKey: hosts.pinnedHostKey,
      presentedHostKey: hosts.presentedHostKey,
      lastSuccessAt: hostCollection.lastSuccessAt,
      lastErrorCode: hostCollection.lastErrorCode,
      lastErrorMessage: hostCollection.lastErrorMessage,
      lastSmartAt: hostCollection.lastSmartAt,
      nextAttemptAt: hostCollection.nextAttemptAt,
      consecutiveFailures: sql<number>`coalesce(${hostCollection.consecutiveFailures}, 0)`,
    })
    .from(hosts)
    .leftJoin(sshCredentials, eq(sshCredentials.id, hosts.credentialId))
    .leftJoin(hostCollection, eq(hostCollection.hostId, hosts.id))
    .where(and(eq(hosts.isEnabled, true), names ? inArray(hosts.name, [...names]) : undefined))
    .orderBy(asc(hosts.name));
  return rows;
}

export type HostKeyPin = { hostId: string; fingerprint: string; at: Date };

/** Constant text (json-rows.ts): one prepared statement pins a batch of any size. */
const PIN_HOST_KEYS = `
  update hosts h
  set pinned_host_key = p.fingerprint, pinned_host_key_at = p.at, updated_at = p.at
  from json_to_recordset($1::json) as p(host_id uuid, fingerprint text, at timestamptz)
  where h.id = p.host_id and h.pinned_host_key is null`;

/**
 * Trust on first use: pins the key each host presented, only if nothing was pinned meanwhile. One
 * statement for several hosts, as the collector's first polls find them.
 */
export async function pinHostKeys(db: Database, pins: readonly HostKeyPin[]): Promise<void> {
  if (pins.length === 0) return;
  const rows = pins.map((pin) => ({
    host_id: pin.hostId,
    fingerprint: pin.fingerprint,
    at: pin.at.toISOString(),
  }));
  await runPrepared(db.$client, PIN_HOST_KEYS, JSON.stringify(rows));
}

/** A changed key: remembered for an admin to review; polling stops until then. */
export async function recordPresentedHostKey(
  db: Database,
  hostId: string,
  fingerprint: string,
  at: Date,
) {
  await db
    .update(hosts)
    .set({ presentedHostKey: fingerprint, presentedHostKeyAt: at, updatedAt: at })
    .where(
      and(
        eq(hosts.id, hostId),
        or(isNull(hosts.presentedHostKey), sql`${hosts.presentedHostKey} <> ${fingerprint}`),
      ),
    );
}

export type NewHost = typeof hosts.$inferInsert;

/** Adds hosts by name; an existing name is left as it is. Returns the names actually added. */
export async function addHosts(db: Database, rows: readonly NewHost[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const added = await db
    .insert(hosts)
    .values([...rows])
    .onConflictDoNothing({ target: hosts.name })
    .returning({ name: hosts.name });
  return added.map((row) => row.name);
}

/** Registers the simulated fleet's hosts (labelled as simulated) at the sim's current port. */
export async function syncSimulatedHosts(
  db: Database,
  names: readonly string[],
  port: number,
): Promise<void> {
  await addHosts(
    db,
    names.map((name) => ({
      name,
      address: "127.0.0.1",
      port,
      username: name,
      isSimulated: true,
      useSudo: false,
    })),
  );
  await db
    .update(hosts)
    .set({ port, updatedAt: new Date() })
    .where(and(eq(hosts.isSimulated, true), inArray(hosts.name, [...names])));
}

/**
 * An admin accepts the key a host now presents: it becomes the pinned key and polling resumes.
 * Refused when the presented key is not the one the admin saw (it changed again meanwhile).
 */
export async function acceptPresentedHostKey(
  db: Database,
  hostId: string,
  expectedFingerprint: string,
  at: Date,
) {
  const [row] = await db
    .update(hosts)
    .set({
      pinnedHostKey: expectedFingerprint,
      pinnedHostKeyAt: at,
      presentedHostKey: null,
      presentedHostKeyAt: null,
      updatedAt: at,
    })
    .where(and(eq(hosts.id, hostId), eq(hosts.presentedHostKey, expectedFingerprint)))
    .returning({ id: hosts.id, name: hosts.name });
  if (!row) {
    throw new AppError("CONFLICT", {
      userMessage: "That host no longer presents this key. Reload to see the key it presents now.",
    });
  }
  await db
    .update(hostCollection)
    .set({ state: "never", nextAttemptAt: null })
    .where(eq(hostCollection.hostId, hostId));
  return row;
}
