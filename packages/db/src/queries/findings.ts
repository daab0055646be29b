import { randomUUID } from "node:crypto";
import { AppError, type FindingDraft } from "@holmes/core";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "../client";
import { findingEvents, findings } from "../schema";
import { clientOf, insertRowsStatement, runPrepared } from "./json-rows";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const keyOf = (f: { ruleId: string; objectKind: string; objectName: string }) =>
  `${f.ruleId}|${f.objectKind}|${f.objectName}`;

export type ReconcileResult = {
  opened: Array<{ id: string; ruleId: string; severity: string; objectName: string }>;
  resolved: number;
  updated: number;
};

/**
 * Brings a host's unresolved findings in line with what the rules just said: new drafts open
 * findings, repeated ones refresh severity, text, evidence and last-seen, missing ones resolve.
 * An acknowledgement whose time ran out lapses here, so the finding is open again.
 * Every change is also written to finding_events, which the incident timeline reads.
 */
export async function reconcileFindings(
  db: Database,
  hostId: string,
  drafts: readonly FindingDraft[],
  now: Date,
): Promise<ReconcileResult> {
  const [result] = await reconcileHostsFindings(db, [{ hostId, drafts, now }]);
  if (!result) throw new AppError("INTERNAL", { message: "reconcile returned nothing" });
  return result;
}

export type HostFindingDrafts = { hostId: string; drafts: readonly FindingDraft[]; now: Date };

/**
 * reconcileFindings for several hosts (each at most once) in one transaction: the unchanged
 * findings of all of them, most findings on most polls, are refreshed by a single statement.
 * Returns one result per host, in order.
 */
export async function reconcileHostsFindings(
  db: Database,
  hosts: readonly HostFindingDrafts[],
): Promise<ReconcileResult[]> {
  if (hosts.length === 0) return [];
  if (new Set(hosts.map((h) => h.hostId)).size !== hosts.length) {
    throw new AppError("INTERNAL", { message: "reconcileHostsFindings takes each host once" });
  }
  return db.transaction(async (tx) => {
    const current = await tx
      .select()
      .from(findings)
      .where(
        and(
          inArray(
            findings.hostId,
            hosts.map((h) => h.hostId),
          ),
          ne(findings.state, "resolved"),
        ),
      )
      .for("update");
    const unchanged: Array<{ id: string; now: Date }> = [];
    const toOpen: FindingToOpen[] = [];
    const results: ReconcileResult[] = [];
    for (const host of hosts) {
      const own = current.filter((f) => f.hostId === host.hostId);
      results.push(await reconcileHost(tx, host, own, unchanged, toOpen));
    }
    // A first poll opens a host's findings all at once: two statements for the whole batch.
    await openAll(tx, toOpen);
    // Most findings hold unchanged from poll to poll: one statement refreshes all of them.
    if (unchanged.length > 0) {
      await runPrepared(
        clientOf(tx),
        REFRESH_LAST_SEEN,
        unchanged.map((u) => u.id),
        unchanged.map((u) => u.now.toISOString()),
      );
    }
    return results;
  });
}

/**
 * Constant texts (json-rows.ts), prepared once per connection whatever the batch's size: every
 * poll of every host refreshes its findings' last-seen, and a new fleet opens thousands at once.
 * The ids go as arrays, which the planner joins through the primary key (a JSON list it would
 * take for 100 rows and hash against the whole table).
 */
// The times go as text[]: drizzle hands timestamptz[] parameters to postgres-js as they are.
const REFRESH_LAST_SEEN = `
  update findings f set last_seen_at = seen.at::timestamptz
  from unnest($1::uuid[], $2::text[]) as seen(id, at)
  where f.id = seen.id`;
const INSERT_FINDINGS = insertRowsStatement(findings, {
  keys: [
    "id",
    "hostId",
    "ruleId",
    "objectKind",
    "objectName",
    "severity",
    "title",
    "explanation",
    "evidence",
    "runbookId",
    "state",
    "firstSeenAt",
    "lastSeenAt",
  ],
});
const INSERT_EVENTS = insertRowsStatement(findingEvents);

/** A draft with no finding yet; `opened` is its entry in the host's result, its id set once inserted. */
type FindingToOpen = {
  hostId: string;
  draft: FindingDraft;
  now: Date;
  opened: ReconcileResult["opened"][number];
};

async function reconcileHost(
  tx: Tx,
  host: HostFindingDrafts,
  current: readonly FindingRow[],
  unchanged: Array<{ id: string; now: Date }>,
  toOpen: FindingToOpen[],
): Promise<ReconcileResult> {
  const { hostId, drafts, now } = host;
  const byKey = new Map(current.map((f) => [keyOf(f), f]));
  const result: ReconcileResult = { opened: [], resolved: 0, updated: 0 };
  for (const draft of drafts) {
    const existing = byKey.get(keyOf(draft));
    byKey.delete(keyOf(draft));
    if (existing && isSame(existing, draft, now)) {
      unchanged.push({ id: existing.id, now });
      result.updated += 1;
    } else if (existing) {
      await refresh(tx, existing, draft, now);
      result.updated += 1;
    } else {
      const opened = {
        id: "",
        ruleId: draft.ruleId,
        severity: draft.severity,
        objectName: draft.objectName,
      };
      result.opened.push(opened);
      toOpen.push({ hostId, draft, now, opened });
    }
  }
  for (const gone of byKey.values()) {
    await tx
      .update(findings)
      .set({ state: "resolved", resolvedAt: now })
      .where(eq(findings.id, gone.id));
    await event(tx, gone, "resolved", now);
    result.resolved += 1;
  }
  return result;
}

type FindingRow = typeof findings.$inferSelect;

/** Nothing to write but last-seen: same words, same evidence, and no acknowledgement lapsing. */
function isSame(existing: FindingRow, draft: FindingDraft, now: Date): boolean {
  const isLapsing =
    existing.state === "acknowledged" &&
    existing.acknowledgedUntil !== null &&
    existing.acknowledgedUntil <= now;
  return (
    !isLapsing &&
    existing.severity === draft.severity &&
    existing.title === draft.title &&
    existing.explanation === draft.explanation &&
    existing.runbookId === draft.runbookId &&
    canonicalJson(existing.evidence) === canonicalJson(draft.evidence)
  );
}

/** JSON with object keys sorted: jsonb does not keep key order, so plain stringify would differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The new findings and their "opened" events: ids made here, so nothing need come back. */
async function openAll(tx: Tx, toOpen: readonly FindingToOpen[]) {
  if (toOpen.length === 0) return;
  const rows = toOpen.map(({ hostId, draft, now, opened }) => {
    opened.id = randomUUID();
    return {
      id: opened.id,
      hostId,
      ...draft,
      state: "open",
      firstSeenAt: now,
      lastSeenAt: now,
      resolvedAt: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
      acknowledgeNote: null,
      acknowledgedUntil: null,
    } satisfies FindingRow;
  });
  const client = clientOf(tx);
  await runPrepared(client, INSERT_FINDINGS.text, INSERT_FINDINGS.json(rows));
  await runPrepared(
    client,
    INSERT_EVENTS.text,
    INSERT_EVENTS.json(rows.map((row) => eventRow(row, "opened", row.firstSeenAt))),
  );
}

async function refresh(tx: Tx, existing: FindingRow, draft: FindingDraft, now: Date) {
  const hasLapsed =
    existing.state === "acknowledged" &&
    existing.acknowledgedUntil !== null &&
    existing.acknowledgedUntil <= now;
  const [row] = await tx
    .update(findings)
    .set({
      severity: draft.severity,
      title: draft.title,
      explanation: draft.explanation,
      evidence: draft.evidence,
      runbookId: draft.runbookId,
      lastSeenAt: now,
      ...(hasLapsed ? { state: "open" } : {}),
    })
    .where(eq(findings.id, existing.id))
    .returning();
  if (!row) return;
  if (hasLapsed) await event(tx, row, "reopened", now, null, "acknowledgement expired");
  if (existing.severity !== draft.severity) await event(tx, row, "severity_changed", now);
}

function eventRow(
  finding: FindingRow,
  kind: string,
  at: Date,
  actorId: string | null = null,
  note: string | null = null,
) {
  return {
    findingId: finding.id,
    hostId: finding.hostId,
    at,
    kind,
    severity: finding.severity,
    title: finding.title,
    actorId,
    note,
  };
}

async function event(
  tx: Tx,
  finding: FindingRow,
  kind: string,
  at: Date,
  actorId: string | null = null,
  note: string | null = null,
) {
  await tx.insert(findingEvents).values(eventRow(finding, kind, at, actorId, note));
}

/**
 * A responder takes note of a finding. Refused for a resolved finding: there is nothing left to
 * acknowledge, and the UI should show that rather than pretend.
 */
export async function acknowledgeFinding(
  db: Database,
  input: { findingId: string; userId: string; note: string; until: Date | null; now: Date },
): Promise<FindingRow> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(findings)
      .where(eq(findings.id, input.findingId))
      .for("update");
    if (!existing) throw new AppError("NOT_FOUND", { userMessage: "No such finding." });
    if (existing.state === "resolved") {
      throw new AppError("CONFLICT", {
        userMessage: "This finding has already resolved: the condition cleared.",
      });
    }
    if (input.until && input.until <= input.now) {
      throw new AppError("BAD_REQUEST", { userMessage: "The expiry must be in the future." });
    }
    const [row] = await tx
      .update(findings)
      .set({
        state: "acknowledged",
        acknowledgedBy: input.userId,
        acknowledgedAt: input.now,
        acknowledgeNote: input.note,
        acknowledgedUntil: input.until,
      })
      .where(eq(findings.id, input.findingId))
      .returning();
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such finding." });
    await event(tx, row, "acknowledged", input.now, input.userId, input.note);
    return row;
  });
}
