import { type EvidenceReason, EvidenceReasonSchema } from "@holmes/core";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../client";
import {
  evidenceAlerts,
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
} from "../schema";
import {
  clientOf,
  type DrizzleTx,
  insertRowsStatement,
  onConflictUpdate,
  runPrepared,
  type SqlClient,
} from "./json-rows";

export type EvidenceHead = {
  itemKey: string;
  versionId: number;
  sha256: string;
  fingerprint: string;
  isAbsent: boolean;
  capturedAt: Date;
};

export type EvidenceHostState = {
  /** The highest version id among the host's heads: it moves whenever anyone stores a version. */
  newestVersionId: number | null;
  lastCaptureAt: Date | null;
  hasPendingRequest: boolean;
};

type StateRow = {
  host_id: string;
  newest_version_id: string | number | null;
  last_capture_at: string | Date | null;
  has_request: boolean;
};

/** Constant text (json-rows.ts): one prepared statement serves a batch of any size. */
const LOAD_STATES = `
  select h.id as host_id,
    (select max(v.version_id) from evidence_heads v where v.host_id = h.id) as newest_version_id,
    (select max(c.captured_at) from evidence_captures c where c.host_id = h.id) as last_capture_at,
    exists (select 1 from evidence_capture_requests r
            where r.host_id = h.id and r.taken_at is null) as has_request
  from (select distinct unnest($1::uuid[]) as id) h`;

/**
 * What every poll reads, three index lookups a host: whether anything was stored for the host
 * since (the newest head), when its last capture was recorded, and whether someone asked for a
 * capture. For several hosts in one round trip (the collector groups its polls' reads).
 */
export async function loadEvidenceStates(
  db: Database,
  hostIds: readonly string[],
): Promise<Map<string, EvidenceHostState>> {
  if (hostIds.length === 0) return new Map();
  const rows = await runPrepared<StateRow>(db.$client, LOAD_STATES, hostIds);
  return new Map(
    rows.map((row) => [
      row.host_id,
      {
        newestVersionId: row.newest_version_id == null ? null : Number(row.newest_version_id),
        lastCaptureAt: row.last_capture_at ? new Date(row.last_capture_at) : null,
        hasPendingRequest: Boolean(row.has_request),
      },
    ]),
  );
}

export async function loadEvidenceState(db: Database, hostId: string): Promise<EvidenceHostState> {
  const state = (await loadEvidenceStates(db, [hostId])).get(hostId);
  return state ?? { newestVersionId: null, lastCaptureAt: null, hasPendingRequest: false };
}

/** The newest version's hashes of each of the host's items: what a poll's items compare with. */
export async function loadEvidenceHeads(
  db: Database,
  hostId: string,
): Promise<Map<string, EvidenceHead>> {
  return (await loadEvidenceHeadsOf(db, [hostId])).get(hostId) ?? new Map();
}

type HeadRow = {
  host_id: string;
  item_key: string;
  version_id: string | number;
  sha256: string;
  fingerprint: string;
  is_absent: boolean;
  captured_at: Date | string;
};

/** The ids as a uuid[], for the host_id index (see deleteForHostsStatement). */
const LOAD_HEADS = `
  select host_id, item_key, version_id, sha256, fingerprint, is_absent, captured_at
  from evidence_heads
  where host_id = any($1::uuid[])`;

/** loadEvidenceHeads for several hosts in one round trip; every asked host is in the map. */
export async function loadEvidenceHeadsOf(
  db: Database,
  hostIds: readonly string[],
): Promise<Map<string, Map<string, EvidenceHead>>> {
  const byHost = new Map(hostIds.map((id) => [id, new Map<string, EvidenceHead>()]));
  if (hostIds.length === 0) return byHost;
  const rows = await runPrepared<HeadRow>(db.$client, LOAD_HEADS, hostIds);
  for (const row of rows) {
    byHost.get(row.host_id)?.set(row.item_key, {
      itemKey: row.item_key,
      versionId: Number(row.version_id),
      sha256: row.sha256,
      fingerprint: row.fingerprint,
      isAbsent: row.is_absent,
      capturedAt: new Date(row.captured_at),
    });
  }
  return byHost;
}

/** The stored text of some versions (the previous heads a change is compared with). */
export async function loadVersionContents(
  db: Database,
  versionIds: readonly number[],
): Promise<Map<number, string>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: evidenceVersions.id, content: evidenceVersions.content })
    .from(evidenceVersions)
    .where(inArray(evidenceVersions.id, [...versionIds]));
  return new Map(rows.map((row) => [row.id, row.content]));
}

export type NewEvidenceVersion = {
  itemKey: string;
  kind: string;
  label: string;
  source: string;
  content: string;
  sha256: string;
  fingerprint: string;
  isAbsent: boolean;
  summary: Record<string, unknown> | null;
};

export type NewEvidenceAlert = {
  kind: string;
  subject: string;
  itemKey: string;
  previousVersionId: number | null;
  message: string;
  detail: Record<string, string | number | boolean | null>;
};

export type EvidenceCaptureWrite = {
  hostId: string;
  probeRunId: number | null;
  /** Why, when no request is taken: "poll" for a change, "daily" for the daily confirmation. */
  reason: EvidenceReason;
  capturedAt: Date;
  itemCount: number;
  versions: NewEvidenceVersion[];
  alerts: NewEvidenceAlert[];
  /** Open alerts that the new versions end (the array is back, the events agree again). */
  resolves: Array<{ kind: string; itemKey: string }>;
  /** Record a capture even without changes (the daily confirmation). */
  isDue: boolean;
  hasPendingRequest: boolean;
};

/** Requests outrank the routine reasons: the capture is recorded as what someone asked for. */
const REASON_RANK: readonly EvidenceReason[] = [
  "on_demand",
  "incident",
  "critical_finding",
  "daily",
  "poll",
];

export type EvidenceCaptureWritten = {
  captureId: number;
  reason: EvidenceReason;
  /** The stored versions' ids by item key. */
  versionIds: Map<string, number>;
};

/**
 * Writes one capture in one transaction: takes the host's pending requests, and when there is
 * anything to record, inserts the capture, the changed versions, moves the heads and writes the
 * alerts. Returns the capture id, or null when nothing needed recording.
 */
export async function writeEvidenceCapture(
  db: Database,
  input: EvidenceCaptureWrite,
): Promise<EvidenceCaptureWritten | null> {
  const [written] = await writeEvidenceCaptures(db, [input]);
  return written ?? null;
}

/**
 * writeEvidenceCapture for several hosts in one transaction, as the collector groups the polls
 * in flight: the captures, their versions and the heads they move are one statement each
 * whatever the number of hosts. One result per input, in order. A host may appear only once (its
 * capture is found by host); the collector never polls a host twice at once.
 */
export async function writeEvidenceCaptures(
  db: Database,
  inputs: readonly EvidenceCaptureWrite[],
): Promise<Array<EvidenceCaptureWritten | null>> {
  if (new Set(inputs.map((input) => input.hostId)).size !== inputs.length)
    throw new Error("writeEvidenceCaptures: a host appears twice in one batch");
  return db.transaction(async (tx) => {
    const recorded: Array<{
      input: EvidenceCaptureWrite;
      reason: EvidenceReason;
      requestIds: number[];
    }> = [];
    for (const input of inputs) {
      const requests = input.hasPendingRequest ? await takeRequests(tx, input) : [];
      if (input.versions.length === 0 && requests.length === 0 && !input.isDue) continue;
      const reasons = [input.reason, ...requests.map((r) => EvidenceReasonSchema.parse(r.reason))];
      const reason = REASON_RANK.find((r) => reasons.includes(r)) ?? input.reason;
      recorded.push({ input, reason, requestIds: requests.map((r) => r.id) });
    }
    if (recorded.length === 0) return inputs.map(() => null);
    const client = clientOf(tx);
    const captures = await runPrepared<{ id: number; host_id: string }>(
      client,
      INSERT_CAPTURES.text,
      INSERT_CAPTURES.json(
        recorded.map(({ input, reason }) => ({
          hostId: input.hostId,
          probeRunId: input.probeRunId,
          reason,
          capturedAt: input.capturedAt,
          itemCount: input.itemCount,
          changedCount: input.versions.length,
        })),
      ),
    );
    const captureIdOf = new Map(captures.map((c) => [c.host_id, Number(c.id)]));
    const versionIdsOf = await insertVersions(
      client,
      recorded.map(({ input }) => ({ input, captureId: captureIdOf.get(input.hostId) ?? 0 })),
    );
    const written = new Map<string, EvidenceCaptureWritten>();
    for (const { input, reason, requestIds } of recorded) {
      const captureId = captureIdOf.get(input.hostId);
      if (captureId === undefined) throw new Error("evidence capture insert returned nothing");
      const versionIds = versionIdsOf.get(input.hostId) ?? new Map<string, number>();
      await writeAlerts(tx, input, versionIds);
      if (requestIds.length > 0) {
        await tx
          .update(evidenceCaptureRequests)
          .set({ captureId })
          .where(inArray(evidenceCaptureRequests.id, requestIds));
      }
      written.set(input.hostId, { captureId, reason, versionIds });
    }
    return inputs.map((input) => written.get(input.hostId) ?? null);
  });
}

/** Marks the host's pending requests taken by this capture; returns them. */
function takeRequests(tx: DrizzleTx, input: EvidenceCaptureWrite) {
  return tx
    .update(evidenceCaptureRequests)
    .set({ takenAt: input.capturedAt })
    .where(
      and(
        eq(evidenceCaptureRequests.hostId, input.hostId),
        isNull(evidenceCaptureRequests.takenAt),
      ),
    )
    .returning({ id: evidenceCaptureRequests.id, reason: evidenceCaptureRequests.reason });
}

const INSERT_CAPTURES = insertRowsStatement(evidenceCaptures, {
  tail: 'returning "id", "host_id"',
});

const INSERT_VERSIONS = insertRowsStatement(evidenceVersions, {
  tail: 'returning "id", "host_id", "item_key", "sha256", "fingerprint", "is_absent"',
});

const UPSERT_HEADS = insertRowsStatement(evidenceHeads, {
  tail: onConflictUpdate(
    ["host_id", "item_key"],
    ["version_id", "sha256", "fingerprint", "is_absent", "captured_at"],
  ),
});

type InsertedVersion = {
  id: string;
  host_id: string;
  item_key: string;
  sha256: string;
  fingerprint: string;
  is_absent: boolean;
};

/**
 * The changed versions of every capture and the heads they move (a first capture writes every
 * item of a host): two statements for the batch. Returns each host's version ids by item key.
 */
async function insertVersions(
  client: SqlClient,
  captures: ReadonlyArray<{ input: EvidenceCaptureWrite; captureId: number }>,
): Promise<Map<string, Map<string, number>>> {
  const rows = captures.flatMap(({ input, captureId }) =>
    input.versions.map((v) => ({
      ...v,
      hostId: input.hostId,
      captureId,
      probeRunId: input.probeRunId,
      capturedAt: input.capturedAt,
    })),
  );
  const byHost = new Map<string, Map<string, number>>();
  if (rows.length === 0) return byHost;
  const inserted = await runPrepared<InsertedVersion>(
    client,
    INSERT_VERSIONS.text,
    INSERT_VERSIONS.json(rows),
  );
  const capturedAtOf = new Map(captures.map(({ input }) => [input.hostId, input.capturedAt]));
  await runPrepared(
    client,
    UPSERT_HEADS.text,
    UPSERT_HEADS.json(
      inserted.map((v) => ({
        hostId: v.host_id,
        itemKey: v.item_key,
        versionId: Number(v.id),
        sha256: v.sha256,
        fingerprint: v.fingerprint,
        isAbsent: v.is_absent,
        capturedAt: capturedAtOf.get(v.host_id),
      })),
    ),
  );
  for (const v of inserted) {
    const ids = byHost.get(v.host_id) ?? new Map<string, number>();
    ids.set(v.item_key, Number(v.id));
    byHost.set(v.host_id, ids);
  }
  return byHost;
}

async function writeAlerts(
  tx: DrizzleTx,
  input: EvidenceCaptureWrite,
  versionIds: Map<string, number>,
) {
  for (const end of input.resolves) {
    await tx
      .update(evidenceAlerts)
      .set({ resolvedAt: input.capturedAt })
      .where(
        and(
          eq(evidenceAlerts.hostId, input.hostId),
          eq(evidenceAlerts.kind, end.kind),
          eq(evidenceAlerts.itemKey, end.itemKey),
          isNull(evidenceAlerts.resolvedAt),
        ),
      );
  }
  if (input.alerts.length === 0) return;
  await tx.insert(evidenceAlerts).values(
    input.alerts.map((alert) => ({
      ...alert,
      hostId: input.hostId,
      versionId: versionIds.get(alert.itemKey) ?? null,
      observedAt: input.capturedAt,
    })),
  );
}
