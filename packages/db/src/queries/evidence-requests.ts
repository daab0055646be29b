import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { evidenceCaptureRequests, hostCollection, hosts } from "../schema";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type CaptureRequestReason = "on_demand" | "critical_finding" | "incident";

/**
 * Asks for an evidence capture at each host's next poll. Only the collector reaches hosts, so
 * the web and the findings engine leave a request it takes with its next poll of the host (within
 * one poll interval); a host backing off after failures is tried again at once. A host that
 * already has a request waiting gets no second one. Returns how many requests were added.
 */
export async function requestEvidenceCapture(
  db: Database | Tx,
  input: {
    hostIds: readonly string[];
    reason: CaptureRequestReason;
    context: Record<string, string | number | null>;
    now: Date;
  },
): Promise<number> {
  if (input.hostIds.length === 0) return 0;
  const ids = [...new Set(input.hostIds)];
  const waiting = await db
    .select({ hostId: evidenceCaptureRequests.hostId })
    .from(evidenceCaptureRequests)
    .where(
      and(inArray(evidenceCaptureRequests.hostId, ids), isNull(evidenceCaptureRequests.takenAt)),
    );
  const taken = new Set(waiting.map((row) => row.hostId));
  const fresh = ids.filter((id) => !taken.has(id));
  if (fresh.length === 0) return 0;
  await db.insert(evidenceCaptureRequests).values(
    fresh.map((hostId) => ({
      hostId,
      reason: input.reason,
      context: input.context,
      requestedAt: input.now,
    })),
  );
  await db
    .update(hostCollection)
    .set({ nextAttemptAt: null })
    .where(inArray(hostCollection.hostId, fresh));
  return fresh.length;
}

/** The host's id by name, for the API's "capture now"; null for an unknown host. */
export async function hostIdByName(db: Database, name: string): Promise<string | null> {
  const [row] = await db.select({ id: hosts.id }).from(hosts).where(eq(hosts.name, name));
  return row?.id ?? null;
}
