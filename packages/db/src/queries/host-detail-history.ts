import type { FindingEvidence } from "@holmes/core";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { findings, kernelEvents, probeRuns } from "../schema";
import { decodeRawOutputs } from "./raw-outputs";

export type KernelEventDetail = {
  id: number;
  /** When the kernel logged it when known, else when Holmes received it. */
  at: Date;
  isLoggedAtKnown: boolean;
  kind: string;
  severity: string;
  device: string | null;
  rawLine: string;
};

export async function loadKernelEvents(
  db: Database,
  hostId: string,
  limit: number,
): Promise<KernelEventDetail[]> {
  const rows = await db
    .select({
      id: kernelEvents.id,
      loggedAt: kernelEvents.loggedAt,
      receivedAt: kernelEvents.receivedAt,
      kind: kernelEvents.kind,
      severity: kernelEvents.severity,
      device: kernelEvents.device,
      rawLine: kernelEvents.rawLine,
    })
    .from(kernelEvents)
    .where(eq(kernelEvents.hostId, hostId))
    .orderBy(desc(kernelEvents.receivedAt), desc(kernelEvents.id))
    .limit(limit);
  return rows.map(({ loggedAt, receivedAt, ...event }) => ({
    ...event,
    at: loggedAt ?? receivedAt,
    isLoggedAtKnown: loggedAt !== null,
  }));
}

export type ProbeRunSummary = {
  id: number;
  startedAt: Date;
  durationMs: number;
  /** partial | failed */
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  parseErrors: Array<{ commandId: string; message: string }>;
  /** Size of the stored gzip; 0 when nothing came back (e.g. the host was unreachable). */
  rawOutputBytes: number;
};

/** Polls that failed or were only partly read, newest first; raw outputs are fetched on demand. */
export async function loadProblemRuns(
  db: Database,
  hostId: string,
  limit: number,
): Promise<ProbeRunSummary[]> {
  const rows = await db
    .select({
      id: probeRuns.id,
      startedAt: probeRuns.startedAt,
      durationMs: probeRuns.durationMs,
      status: probeRuns.status,
      errorCode: probeRuns.errorCode,
      errorMessage: probeRuns.errorMessage,
      parseErrors: probeRuns.parseErrors,
      rawOutputBytes: sql<number>`coalesce(octet_length(${probeRuns.rawOutputs}), 0)::int`,
    })
    .from(probeRuns)
    .where(and(eq(probeRuns.hostId, hostId), ne(probeRuns.status, "ok")))
    .orderBy(desc(probeRuns.startedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, parseErrors: row.parseErrors ?? [] }));
}

export type HostFindingDetail = {
  id: string;
  ruleId: string;
  objectKind: string;
  objectName: string;
  severity: string;
  title: string;
  explanation: string;
  evidence: FindingEvidence;
  runbookId: string | null;
  /** open | acknowledged */
  state: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  acknowledgeNote: string | null;
};

/** Unresolved findings of the host, worst first, then oldest first (the longest-standing). */
export async function loadHostFindings(db: Database, hostId: string): Promise<HostFindingDetail[]> {
  return db
    .select({
      id: findings.id,
      ruleId: findings.ruleId,
      objectKind: findings.objectKind,
      objectName: findings.objectName,
      severity: findings.severity,
      title: findings.title,
      explanation: findings.explanation,
      evidence: findings.evidence,
      runbookId: findings.runbookId,
      state: findings.state,
      firstSeenAt: findings.firstSeenAt,
      lastSeenAt: findings.lastSeenAt,
      acknowledgedAt: findings.acknowledgedAt,
      acknowledgeNote: findings.acknowledgeNote,
    })
    .from(findings)
    .where(and(eq(findings.hostId, hostId), ne(findings.state, "resolved")))
    .orderBy(
      sql`case ${findings.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`,
      findings.firstSeenAt,
    );
}

export type ProbeOutputSection = {
  id: string;
  exitCode: number | null;
  isMissing: boolean;
  missingTool: string | null;
  isTruncated: boolean;
  output: string;
  /** The output was longer than the cap: only its start is shown. */
  isCapped: boolean;
  outputChars: number;
};

export type ProbeRunOutput = {
  id: number;
  startedAt: Date;
  status: string;
  sections: ProbeOutputSection[];
};

type StoredSection = Omit<ProbeOutputSection, "isCapped" | "outputChars">;

/**
 * One poll's raw outputs, decompressed, each capped at `maxCharsPerOutput` so a runaway command
 * (a huge dmesg) cannot blow up a browser tab. Null when the run is not this host's.
 */
export async function probeRunOutput(
  db: Database,
  input: { hostId: string; runId: number; maxCharsPerOutput: number },
): Promise<ProbeRunOutput | null> {
  const [run] = await db
    .select({
      id: probeRuns.id,
      startedAt: probeRuns.startedAt,
      status: probeRuns.status,
      rawOutputs: probeRuns.rawOutputs,
      rawEncoding: probeRuns.rawEncoding,
    })
    .from(probeRuns)
    .where(and(eq(probeRuns.id, input.runId), eq(probeRuns.hostId, input.hostId)));
  if (!run) return null;
  const stored = run.rawOutputs
    ? (decodeRawOutputs(run.rawOutputs, run.rawEncoding) as StoredSection[])
    : [];
  return {
    id: run.id,
    startedAt: run.startedAt,
    status: run.status,
    sections: stored.map((section) => ({
      id: section.id,
      exitCode: section.exitCode ?? null,
      isMissing: Boolean(section.isMissing),
      missingTool: section.missingTool ?? null,
      isTruncated: Boolean(section.isTruncated),
      output: section.output.slice(0, input.maxCharsPerOutput),
      isCapped: section.output.length > input.maxCharsPerOutput,
      outputChars: section.output.length,
    })),
  };
}
