import { createHash } from "node:crypto";
import { AppError } from "@holmes/core";
import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  evidenceAlerts,
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceVersions,
  hosts,
} from "../schema";

/** The newest versions listed per item; older ones stay stored and reachable by id. */
const VERSIONS_PER_ITEM = 50;

const versionColumns = {
  id: evidenceVersions.id,
  itemKey: evidenceVersions.itemKey,
  kind: evidenceVersions.kind,
  label: evidenceVersions.label,
  source: evidenceVersions.source,
  sha256: evidenceVersions.sha256,
  isAbsent: evidenceVersions.isAbsent,
  capturedAt: evidenceVersions.capturedAt,
  captureId: evidenceVersions.captureId,
  probeRunId: evidenceVersions.probeRunId,
};

/** A host's vault without the texts: items with their newest versions, alerts, captures. */
export async function listEvidence(db: Database, hostId: string) {
  const ranked = db
    .select({
      ...versionColumns,
      bytes: sql<number>`octet_length(${evidenceVersions.content})`.mapWith(Number).as("bytes"),
      rank: sql<number>`row_number() over (partition by ${evidenceVersions.itemKey} order by ${evidenceVersions.capturedAt} desc)`
        .mapWith(Number)
        .as("rank"),
    })
    .from(evidenceVersions)
    .where(eq(evidenceVersions.hostId, hostId))
    .as("ranked");
  const [versions, alerts, captures, pending] = await Promise.all([
    db
      .select()
      .from(ranked)
      .where(lte(ranked.rank, VERSIONS_PER_ITEM))
      .orderBy(ranked.itemKey, desc(ranked.capturedAt)),
    db
      .select()
      .from(evidenceAlerts)
      .where(eq(evidenceAlerts.hostId, hostId))
      .orderBy(desc(evidenceAlerts.observedAt))
      .limit(100),
    db
      .select()
      .from(evidenceCaptures)
      .where(eq(evidenceCaptures.hostId, hostId))
      .orderBy(desc(evidenceCaptures.capturedAt))
      .limit(20),
    db
      .select({ id: evidenceCaptureRequests.id, reason: evidenceCaptureRequests.reason })
      .from(evidenceCaptureRequests)
      .where(
        and(eq(evidenceCaptureRequests.hostId, hostId), isNull(evidenceCaptureRequests.takenAt)),
      ),
  ]);
  return { versions, alerts, captures, pendingRequests: pending };
}

export type VerifiedVersion = Awaited<ReturnType<typeof readVersions>>[number];

/**
 * Versions with their text, each checked against its stored sha256. A mismatch is reported, not
 * hidden: `integrity` says "mismatch" and readers refuse (or flag) the text.
 */
export async function readVersions(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      ...versionColumns,
      hostId: evidenceVersions.hostId,
      hostName: hosts.name,
      content: evidenceVersions.content,
      summary: evidenceVersions.summary,
    })
    .from(evidenceVersions)
    .innerJoin(hosts, eq(hosts.id, evidenceVersions.hostId))
    .where(inArray(evidenceVersions.id, [...ids]));
  return rows.map((row) => {
    const computedSha256 = createHash("sha256").update(row.content, "utf8").digest("hex");
    const integrity = computedSha256 === row.sha256 ? ("ok" as const) : ("mismatch" as const);
    return { ...row, computedSha256, integrity };
  });
}

/** One version's text, verified; a version whose text no longer matches its hash is refused. */
export async function readVerifiedVersion(db: Database, id: number) {
  const [version] = await readVersions(db, [id]);
  if (!version) throw new AppError("NOT_FOUND", { userMessage: "No such evidence version" });
  if (version.integrity === "mismatch") {
    throw new AppError("INTERNAL", {
      message: `evidence version ${id}: sha256 ${version.computedSha256} != stored ${version.sha256}`,
      userMessage: `Evidence version ${id} failed its integrity check: its text no longer matches the sha256 stored at capture (${version.sha256.slice(0, 12)}…). It is not shown.`,
    });
  }
  return version;
}
