import { type EvidenceReason, EvidenceReasonSchema } from "@holmes/core";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  evidenceAlerts,
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
} from "../schema";

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
  newest_version_id: string | number | null;
  last_capture_at: string | Date | null;
  has_request: boolean;
};

/**
 * What every poll reads, in one round trip of three index lookups: whether anything was stored
 * for the host since (the newest head), when its last capture was recorded, and whether someone
 * asked for a capture.
 */
export async function loadEvidenceState(db: Database, hostId: string): Promise<EvidenceHostState> {
  const [row] = await db.execute<StateRow>(sql`
    select
      (select max(h.version_id) from evidence_heads h where h.host_id = ${hostId})
        as newest_version_id,
      (select max(c.captured_at) from evidence_captures c where c.host_id = ${hostId})
        as last_capture_at,
      exists (select 1 from evidence_capture_requests r
              where r.host_id = ${hostId} and r.taken_at is null) as has_request`);
  return {
    newestVersionId: row?.newest_version_id == null ? null : Number(row.newest_version_id),
    lastCaptureAt: row?.last_capture_at ? new Date(row.last_capture_at) : null,
    hasPendingRequest: Boolean(row?.has_request),
  };
}

/** The newest version's hashes of each of the host's items: what a poll's items compare with. */
export async function loadEvidenceHeads(
  db: Database,
  hostId: string,
): Promise<Map<string, EvidenceHead>> {
  const rows = await db
    .select({
      itemKey: evidenceHeads.itemKey,
      versionId: evidenceHeads.versionId,
      sha256: evidenceHeads.sha256,
      fingerprint: evidenceHeads.fingerprint,
      isAbsent: evidenceHeads.isAbsent,
      capturedAt: evidenceHeads.capturedAt,
    })
    .from(evidenceHeads)
    .where(eq(evidenceHeads.hostId, hostId));
  return new Map(rows.map((row) => [row.itemKey, row]));
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

/**
 * Writes one capture in one transaction: takes the host's pending requests, and when there is
 * anything to record, inserts the capture, the changed versions, moves the heads and writes the
 * alerts. Returns the capture id, or null when nothing needed recording.
 */
export async function writeEvidenceCapture(db: Database, input: EvidenceCaptureWrite) {
  return db.transaction(async (tx) => {
    const requests = input.hasPendingRequest
      ? await tx
          .update(evidenceCaptureRequests)
          .set({ takenAt: input.capturedAt })
          .where(
            and(
              eq(evidenceCaptureRequests.hostId, input.hostId),
              isNull(evidenceCaptureRequests.takenAt),
            ),
          )
          .returning({ id: evidenceCaptureRequests.id, reason: evidenceCaptureRequests.reason })
      : [];
    if (input.versions.length === 0 && requests.length === 0 && !input.isDue) return null;
    const reasons = [input.reason, ...requests.map((r) => EvidenceReasonSchema.parse(r.reason))];
    const reason = REASON_RANK.find((r) => reasons.includes(r)) ?? input.reason;
    const [capture] = await tx
      .insert(evidenceCaptures)
      .values({
        hostId: input.hostId,
        probeRunId: input.probeRunId,
        reason,
        capturedAt: input.capturedAt,
        itemCount: input.itemCount,
        changedCount: input.versions.length,
      })
      .returning({ id: evidenceCaptures.id });
    if (!capture) throw new Error("evidence capture insert returned nothing");
    const versionIds = await insertVersions(tx, input, capture.id);
    await writeAlerts(tx, input, versionIds);
    if (requests.length > 0) {
      const ids = requests.map((r) => r.id);
      await tx
        .update(evidenceCaptureRequests)
        .set({ captureId: capture.id })
        .where(inArray(evidenceCaptureRequests.id, ids));
    }
    return { captureId: capture.id, reason, versionIds };
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function insertVersions(tx: Tx, input: EvidenceCaptureWrite, captureId: number) {
  if (input.versions.length === 0) return new Map<string, number>();
  const inserted = await tx
    .insert(evidenceVersions)
    .values(
      input.versions.map((v) => ({
        ...v,
        hostId: input.hostId,
        captureId,
        probeRunId: input.probeRunId,
        capturedAt: input.capturedAt,
      })),
    )
    .returning({
      id: evidenceVersions.id,
      itemKey: evidenceVersions.itemKey,
      sha256: evidenceVersions.sha256,
      fingerprint: evidenceVersions.fingerprint,
      isAbsent: evidenceVersions.isAbsent,
    });
  await tx
    .insert(evidenceHeads)
    .values(
      inserted.map((v) => ({
        hostId: input.hostId,
        itemKey: v.itemKey,
        versionId: v.id,
        sha256: v.sha256,
        fingerprint: v.fingerprint,
        isAbsent: v.isAbsent,
        capturedAt: input.capturedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [evidenceHeads.hostId, evidenceHeads.itemKey],
      set: {
        versionId: sql`excluded.version_id`,
        sha256: sql`excluded.sha256`,
        fingerprint: sql`excluded.fingerprint`,
        isAbsent: sql`excluded.is_absent`,
        capturedAt: sql`excluded.captured_at`,
      },
    });
  return new Map(inserted.map((v) => [v.itemKey, v.id]));
}

async function writeAlerts(tx: Tx, input: EvidenceCaptureWrite, versionIds: Map<string, number>) {
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
