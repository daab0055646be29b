import {
  affectedComponentNames,
  type ComponentStatus,
  ComponentStatusSchema,
  derivedComponentStatus,
  type IncidentImpact,
  type IncidentStatus,
  IncidentStatusSchema,
  impactOfSeverity,
  publicIncidentTitle,
} from "@holmes/core";
import { and, desc, eq, gte, inArray, ne, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { incidents, incidentUpdates } from "../schema";
import {
  allHostNames,
  type ComponentRow,
  incidentContexts,
  isPublic,
  listComponentRows,
  type PublicUpdate,
  publicUpdates,
} from "./status-page-parts";

export { listComponentRows, type PublicUpdate } from "./status-page-parts";

/** How far back the status page's history and its feed reach. */
export const STATUS_HISTORY_DAYS = 90;

export type PublicComponent = {
  name: string;
  description: string;
  status: ComponentStatus;
  /** True when an admin set the status by hand instead of letting incidents decide. */
  isManual: boolean;
};

export type PublicIncident = {
  number: number;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  startedAt: Date;
  resolvedAt: Date | null;
  components: string[];
  updates: PublicUpdate[];
};

/** Each component's status: the manual override when set, else derived from open incidents. */
export async function componentsWithStatus(db: Database) {
  const [rows, open] = await Promise.all([
    listComponentRows(db),
    db
      .select({ id: incidents.id, severity: incidents.severity })
      .from(incidents)
      .where(and(ne(incidents.status, "resolved"), isPublic(db))),
  ]);
  const contexts = await incidentContexts(
    db,
    open.map((i) => i.id),
  );
  const grouped = open.map((i) => ({
    severity: i.severity,
    groups: contexts.get(i.id)?.groups ?? new Set<string>(),
  }));
  return rows.map((row) => {
    const manual = ComponentStatusSchema.safeParse(row.manualStatus);
    const derivedStatus = derivedComponentStatus(row.hostGroups, grouped);
    return { ...row, derivedStatus, status: manual.success ? manual.data : derivedStatus };
  });
}

function toPublicComponent(row: ComponentRow & { status: ComponentStatus }): PublicComponent {
  return {
    name: row.name,
    description: row.description,
    status: row.status,
    isManual: row.manualStatus !== null,
  };
}

/**
 * What the public may know of some incidents, by id: title (or a neutral one when it names a
 * host or finding), impact and affected components.
 */
async function publicFacts(
  db: Database,
  components: ComponentRow[],
  rows: Array<{ id: string; title: string; severity: number }>,
) {
  const ids = rows.map((r) => r.id);
  const [contexts, hostNames] = await Promise.all([
    incidentContexts(db, ids),
    rows.length ? allHostNames(db) : [],
  ]);
  const facts = new Map<string, { title: string; impact: IncidentImpact; components: string[] }>();
  for (const row of rows) {
    const context = contexts.get(row.id);
    const impact = impactOfSeverity(row.severity);
    const affected = affectedComponentNames(components, context?.groups ?? new Set());
    const internalNames = [...hostNames, ...(context?.findingTitles ?? [])];
    const title = publicIncidentTitle(
      { title: row.title, impact, components: affected },
      internalNames,
    );
    facts.set(row.id, { title, impact, components: affected });
  }
  return facts;
}

/** Public incidents matching `where`, newest first, with their public updates only. */
async function publicIncidents(
  db: Database,
  components: ComponentRow[],
  where: SQL | undefined,
): Promise<PublicIncident[]> {
  const rows = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      status: incidents.status,
      severity: incidents.severity,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
    })
    .from(incidents)
    .where(and(isPublic(db), where))
    .orderBy(desc(incidents.startedAt), desc(incidents.number));
  const [facts, updates] = await Promise.all([
    publicFacts(db, components, rows),
    publicUpdates(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.flatMap((row) => {
    const fact = facts.get(row.id);
    if (!fact) return [];
    return {
      number: row.number,
      ...fact,
      status: IncidentStatusSchema.parse(row.status),
      startedAt: row.startedAt,
      resolvedAt: row.resolvedAt,
      updates: updates.get(row.id) ?? [],
    };
  });
}

function historyStart(now: Date): Date {
  return new Date(now.getTime() - STATUS_HISTORY_DAYS * 24 * 3600 * 1000);
}

/** The whole public page: components, incidents still open, and those resolved within 90 days. */
export async function statusPageSummary(db: Database, now: Date) {
  const components = await componentsWithStatus(db);
  const [active, history] = await Promise.all([
    publicIncidents(db, components, ne(incidents.status, "resolved")),
    publicIncidents(
      db,
      components,
      and(eq(incidents.status, "resolved"), gte(incidents.resolvedAt, historyStart(now))),
    ),
  ]);
  return { components: components.map(toPublicComponent), active, history };
}

/** One public incident by its number, at any age (a link someone shared keeps working). */
export async function publicIncidentByNumber(
  db: Database,
  number: number,
): Promise<PublicIncident | null> {
  const components = await listComponentRows(db);
  const [incident] = await publicIncidents(db, components, eq(incidents.number, number));
  return incident ?? null;
}

/** Public updates of the last 90 days, newest first, with their incident: the Atom feed. */
export async function publicUpdateFeed(db: Database, now: Date, limit = 200) {
  const rows = await db
    .select({
      id: incidentUpdates.id,
      incidentId: incidentUpdates.incidentId,
      body: incidentUpdates.body,
      statusChange: incidentUpdates.statusChange,
      createdAt: incidentUpdates.createdAt,
    })
    .from(incidentUpdates)
    .where(
      and(
        eq(incidentUpdates.audience, "public"),
        gte(incidentUpdates.createdAt, historyStart(now)),
      ),
    )
    .orderBy(desc(incidentUpdates.createdAt), desc(incidentUpdates.seq))
    .limit(limit);
  const ids = [...new Set(rows.map((r) => r.incidentId))];
  const [components, incidentRows] = await Promise.all([
    listComponentRows(db),
    ids.length
      ? db
          .select({
            id: incidents.id,
            number: incidents.number,
            title: incidents.title,
            severity: incidents.severity,
          })
          .from(incidents)
          .where(inArray(incidents.id, ids))
      : [],
  ]);
  const facts = await publicFacts(db, components, incidentRows);
  const numbers = new Map(incidentRows.map((i) => [i.id, i.number]));
  return rows.map(({ incidentId, ...row }) => ({
    id: row.id,
    incidentNumber: numbers.get(incidentId) ?? 0,
    incidentTitle: facts.get(incidentId)?.title ?? "",
    body: row.body,
    statusChange: IncidentStatusSchema.nullable().parse(row.statusChange),
    createdAt: row.createdAt,
  }));
}
