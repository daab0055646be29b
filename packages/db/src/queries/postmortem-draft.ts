import {
  type DraftArray,
  type DraftFacts,
  type DraftFinding,
  type DraftRunbookStep,
  EvidenceMdArraySchema,
} from "@holmes/core";
import { and, asc, desc, eq, gte, inArray, isNull, like, lte, ne, or } from "drizzle-orm";
import type { Database } from "../client";
import {
  evidenceVersions,
  findings,
  hosts,
  incidentComponents,
  incidentEvents,
  runbookRuns,
  runbookStepOutcomes,
  statusComponents,
  users,
} from "../schema";
import { readVersions } from "./evidence-read";
import { incidentById } from "./incident-read";
import { incidentTimeline } from "./incident-timeline";

/** Findings that opened this long before the incident started still belong to its story. */
const FINDING_LEAD_MS = 60 * 60_000;
/** The whole timeline is offered; people drop entries, they never have to dig for them. */
const TIMELINE_LIMIT = 5_000;

/**
 * Everything a post-mortem draft is composed from, as the record stood during the incident:
 * its timeline, the findings on its hosts in its window, each array's md map from the evidence
 * vault as last captured before it was resolved, and the runbook steps people worked.
 */
export async function loadDraftFacts(db: Database, incidentId: string, now: Date) {
  const incident = await incidentById(db, incidentId);
  if (!incident) return null;
  const window = {
    from: new Date(incident.startedAt.getTime() - FINDING_LEAD_MS),
    to: incident.resolvedAt ?? now,
  };
  const hostIds = incident.hosts.map((h) => h.id);
  const [severityChanges, components, timeline, findingRows, arrays, runbookSteps] =
    await Promise.all([
      severityChangesOf(db, incidentId),
      componentNamesOf(db, incidentId),
      incidentTimeline(db, incidentId, "all", now, { limit: TIMELINE_LIMIT }),
      findingsInWindow(db, hostIds, window),
      arraysAsOf(db, hostIds, window.to),
      runbookStepsOf(db, incidentId),
    ]);
  const facts: DraftFacts = {
    incident,
    severityChanges,
    hosts: incident.hosts.map((h) => ({ name: h.name, groups: h.groups })),
    components,
    timeline: timeline ?? [],
    findings: findingRows,
    arrays,
    runbookSteps,
  };
  return facts;
}

async function severityChangesOf(db: Database, incidentId: string) {
  const rows = await db
    .select({ at: incidentEvents.at, data: incidentEvents.data })
    .from(incidentEvents)
    .where(
      and(eq(incidentEvents.incidentId, incidentId), eq(incidentEvents.kind, "severity_changed")),
    )
    .orderBy(asc(incidentEvents.at));
  return rows.flatMap((row) => {
    const { from, to } = row.data;
    return typeof from === "number" && typeof to === "number" ? [{ at: row.at, from, to }] : [];
  });
}

async function componentNamesOf(db: Database, incidentId: string) {
  const rows = await db
    .select({ name: statusComponents.name })
    .from(incidentComponents)
    .innerJoin(statusComponents, eq(statusComponents.id, incidentComponents.componentId))
    .where(eq(incidentComponents.incidentId, incidentId))
    .orderBy(statusComponents.name);
  return rows.map((row) => row.name);
}

async function findingsInWindow(
  db: Database,
  hostIds: string[],
  window: { from: Date; to: Date },
): Promise<DraftFinding[]> {
  if (hostIds.length === 0) return [];
  const rows = await db
    .select({
      hostName: hosts.name,
      ruleId: findings.ruleId,
      title: findings.title,
      severity: findings.severity,
      objectKind: findings.objectKind,
      objectName: findings.objectName,
      evidence: findings.evidence,
      firstSeenAt: findings.firstSeenAt,
      resolvedAt: findings.resolvedAt,
    })
    .from(findings)
    .innerJoin(hosts, eq(hosts.id, findings.hostId))
    .where(
      and(
        inArray(findings.hostId, hostIds),
        lte(findings.firstSeenAt, window.to),
        or(isNull(findings.resolvedAt), gte(findings.resolvedAt, window.from)),
      ),
    )
    .orderBy(asc(findings.firstSeenAt));
  return rows.map(({ evidence, ...row }) => ({ ...row, values: evidence.values }));
}

/** Each array's md map as the vault held it at `asOf`: its newest version with content by then. */
async function arraysAsOf(db: Database, hostIds: string[], asOf: Date): Promise<DraftArray[]> {
  if (hostIds.length === 0) return [];
  const newest = await db
    .selectDistinctOn([evidenceVersions.hostId, evidenceVersions.itemKey], {
      id: evidenceVersions.id,
    })
    .from(evidenceVersions)
    .where(
      and(
        inArray(evidenceVersions.hostId, hostIds),
        like(evidenceVersions.itemKey, "md-map:%"),
        eq(evidenceVersions.isAbsent, false),
        ne(evidenceVersions.content, ""),
        lte(evidenceVersions.capturedAt, asOf),
      ),
    )
    .orderBy(evidenceVersions.hostId, evidenceVersions.itemKey, desc(evidenceVersions.capturedAt));
  const versions = await readVersions(
    db,
    newest.map((row) => row.id),
  );
  return versions
    .flatMap((version) => {
      // A version whose text fails its sha256 is not evidence; it is left out, not trusted.
      if (version.integrity !== "ok") return [];
      const parsed = EvidenceMdArraySchema.safeParse(JSON.parse(version.content));
      return parsed.success
        ? [{ hostName: version.hostName, capturedAt: version.capturedAt, map: parsed.data }]
        : [];
    })
    .sort(
      (a, b) => a.hostName.localeCompare(b.hostName) || a.map.device.localeCompare(b.map.device),
    );
}

async function runbookStepsOf(db: Database, incidentId: string): Promise<DraftRunbookStep[]> {
  const rows = await db
    .select({
      runId: runbookRuns.id,
      runbookTitle: runbookRuns.title,
      definition: runbookRuns.definition,
      stepIndex: runbookStepOutcomes.stepIndex,
      outcome: runbookStepOutcomes.outcome,
      note: runbookStepOutcomes.note,
      actorName: users.name,
      at: runbookStepOutcomes.at,
    })
    .from(runbookStepOutcomes)
    .innerJoin(runbookRuns, eq(runbookRuns.id, runbookStepOutcomes.runId))
    .leftJoin(users, eq(users.id, runbookStepOutcomes.actorId))
    .where(eq(runbookRuns.incidentId, incidentId))
    .orderBy(asc(runbookStepOutcomes.at));
  return rows.map(({ definition, stepIndex, note, ...row }) => ({
    ...row,
    stepTitle: stepTitleOf(definition, stepIndex),
    note: note === "" ? null : note,
  }));
}

/** The run keeps the parsed runbook it started with; its steps carry their titles. */
function stepTitleOf(definition: Record<string, unknown>, index: number): string {
  const steps = definition.steps;
  const step = Array.isArray(steps) ? (steps[index] as { title?: unknown } | undefined) : undefined;
  return typeof step?.title === "string" ? step.title : `Step ${index + 1}`;
}
