import type { EvidenceReason } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { type EvidenceHostState, loadVersionContents } from "@holmes/db/queries/evidence-capture";
import type { ProbeSection } from "@holmes/probes/commands";
import { evidenceHeadsOf, evidenceStateOf, storeEvidenceCapture } from "../store";
import { COMPARED_KINDS, detectAlerts } from "./alerts";
import { buildEvidenceItems, type ParsedBefore } from "./items";
import { planCapture } from "./plan";
import { type EvidenceRawHashes, evidenceRawHashes } from "./raw-hash";

export type CaptureEvidenceInput = {
  hostId: string;
  probeRunId?: number | null;
  sections: readonly ProbeSection[];
  /** The poll's digests of its stable sections, when it has them (PollOutcome.sectionDigests). */
  sectionDigests?: ReadonlyMap<string, string>;
  /** What the poll already parsed of these sections (PollOutcome.parsedBefore). */
  parsedBefore?: ParsedBefore;
  observedAt: Date;
  reason?: EvidenceReason;
};

export type CaptureEvidenceResult = {
  captureId: number | null;
  reason: EvidenceReason | null;
  itemCount: number;
  changed: string[];
  alerts: string[];
};

/**
 * What this process last saw of each host: the hashes of the raw outputs it built the items from
 * (the partition tables' from the last poll that read them), and the host's newest head then. A
 * poll whose raw outputs hash the same, with no version stored since by anyone (the newest head
 * has not moved; every collector shares the vault), cannot have changed an item, so it skips
 * building them. An entry is trusted for an hour only, so the daily refresh of volatile fields
 * still comes round.
 */
const lastSeen = new Map<
  string,
  { raw: EvidenceRawHashes; newestVersionId: number | null; at: number }
>();
const TRUST_MS = 3_600_000;
const DAY_MS = 86_400_000;

const NOTHING = (itemCount: number): CaptureEvidenceResult => ({
  captureId: null,
  reason: null,
  itemCount,
  changed: [],
  alerts: [],
});

function isSame(
  hostId: string,
  raw: EvidenceRawHashes,
  state: EvidenceHostState,
  now: number,
): boolean {
  const seen = lastSeen.get(hostId);
  return (
    seen !== undefined &&
    seen.raw.base === raw.base &&
    (raw.partitions === null || raw.partitions === seen.raw.partitions) &&
    seen.newestVersionId === state.newestVersionId &&
    now - seen.at < TRUST_MS &&
    !state.hasPendingRequest &&
    state.lastCaptureAt !== null &&
    now - state.lastCaptureAt.getTime() < DAY_MS
  );
}

/**
 * Keeps a poll's recovery evidence. A steady host costs one hash of its raw outputs and one
 * small read (three index lookups); otherwise the items are built, compared in memory with the
 * heads (a second read) and only what changed is stored, in one transaction shared with the
 * other polls' captures in flight.
 */
export async function captureEvidence(
  db: Database,
  input: CaptureEvidenceInput,
): Promise<CaptureEvidenceResult> {
  const now = input.observedAt.getTime();
  const raw = evidenceRawHashes(input.sections, input.sectionDigests);
  const state = await evidenceStateOf(db, input.hostId);
  const isAsked = input.reason !== undefined && input.reason !== "poll";
  if (!isAsked && isSame(input.hostId, raw, state, now)) return NOTHING(0);
  const items = buildEvidenceItems(input.sections, input.parsedBefore);
  const heads = await evidenceHeadsOf(db, input.hostId);
  const plan = planCapture({
    items,
    heads,
    observedAt: input.observedAt,
    lastCaptureAt: state.lastCaptureAt,
    isRequested: state.hasPendingRequest || isAsked,
  });
  const compared = plan.versions.filter(
    (v) => COMPARED_KINDS.has(v.kind) && v.previous && !v.previous.isAbsent,
  );
  const contents = await loadVersionContents(
    db,
    compared.flatMap((v) => (v.previous ? [v.previous.versionId] : [])),
  );
  const { alerts, resolves } = detectAlerts(
    plan.versions.map((version) => ({
      version,
      previousContent: version.previous ? (contents.get(version.previous.versionId) ?? null) : null,
    })),
  );
  const reason = input.reason ?? (plan.versions.length > 0 ? "poll" : "daily");
  // Nothing changed, nothing asked for, nothing due: most polls end here, without a transaction.
  const isQuiet = plan.versions.length === 0 && !plan.isDue && !isAsked && !state.hasPendingRequest;
  const written = isQuiet
    ? null
    : await storeEvidenceCapture(db, {
        hostId: input.hostId,
        probeRunId: input.probeRunId ?? null,
        reason,
        capturedAt: input.observedAt,
        itemCount: items.items.length,
        versions: plan.versions.map(({ previous: _previous, ...version }) => version),
        alerts,
        resolves,
        isDue: plan.isDue || isAsked,
        hasPendingRequest: state.hasPendingRequest,
      });
  const stored = [...(written?.versionIds.values() ?? [])];
  const newestVersionId = Math.max(state.newestVersionId ?? 0, ...stored);
  lastSeen.set(input.hostId, {
    raw: {
      base: raw.base,
      partitions: raw.partitions ?? lastSeen.get(input.hostId)?.raw.partitions ?? null,
    },
    newestVersionId: newestVersionId === 0 ? null : newestVersionId,
    at: now,
  });
  return {
    captureId: written?.captureId ?? null,
    reason: written?.reason ?? null,
    itemCount: items.items.length,
    changed: plan.versions.map((v) => v.itemKey),
    alerts: alerts.map((a) => a.message),
  };
}

/**
 * What collectHost calls after storing a poll: a vault write that fails is logged and must not
 * cost the poll that was just stored (nor its findings).
 */
export async function keepPollEvidence(
  db: Database,
  input: CaptureEvidenceInput & { hostName: string },
): Promise<CaptureEvidenceResult | null> {
  try {
    return await captureEvidence(db, input);
  } catch (error) {
    console.error(
      `holmes collector: evidence for ${input.hostName} not captured: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}
