import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  findingEvents,
  hosts,
  incidentEvents,
  incidentHosts,
  incidents,
  incidentUpdates,
  kernelEvents,
  users,
} from "../schema";

export type TimelineEntry =
  | {
      key: string;
      source: "human";
      kind: "update";
      at: Date;
      seq: number;
      authorName: string | null;
      audience: string;
      body: string;
      statusChange: string | null;
    }
  | {
      key: string;
      source: "lifecycle";
      kind: string;
      at: Date;
      seq: number;
      actorName: string | null;
      data: Record<string, unknown>;
    }
  | {
      key: string;
      source: "machine";
      kind: string;
      at: Date;
      hostName: string;
      severity: string;
      title: string;
      detail: string | null;
    };

export type TimelineFilter = "all" | "human" | "machine";

/** Machine history starts a little before the incident: the cause usually precedes the page. */
const LEAD_MS = 60 * 60_000;
const MAX_MACHINE_ENTRIES = 2_000;

/**
 * One ordered stream: people's updates, lifecycle changes, and what the incident's hosts reported
 * in its window (finding changes, classified kernel events).
 */
export async function incidentTimeline(
  db: Database,
  incidentId: string,
  filter: TimelineFilter,
  now: Date,
): Promise<TimelineEntry[] | null> {
  const [incident] = await db
    .select({ startedAt: incidents.startedAt, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const [human, machine] = await Promise.all([
    filter === "machine" ? [] : humanEntries(db, incidentId),
    filter === "human"
      ? []
      : machineEntries(db, incidentId, {
          from: new Date(incident.startedAt.getTime() - LEAD_MS),
          to: incident.resolvedAt ?? now,
        }),
  ]);
  return [...human, ...machine].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      ("seq" in a ? a.seq : 0) - ("seq" in b ? b.seq : 0) ||
      a.key.localeCompare(b.key),
  );
}

async function humanEntries(db: Database, incidentId: string): Promise<TimelineEntry[]> {
  const [updates, events] = await Promise.all([
    db
      .select({
        id: incidentUpdates.id,
        seq: incidentUpdates.seq,
        at: incidentUpdates.createdAt,
        authorName: users.name,
        audience: incidentUpdates.audience,
        body: incidentUpdates.body,
        statusChange: incidentUpdates.statusChange,
      })
      .from(incidentUpdates)
      .leftJoin(users, eq(users.id, incidentUpdates.authorId))
      .where(eq(incidentUpdates.incidentId, incidentId))
      .orderBy(asc(incidentUpdates.seq)),
    db
      .select({
        id: incidentEvents.id,
        seq: incidentEvents.seq,
        at: incidentEvents.at,
        actorName: users.name,
        kind: incidentEvents.kind,
        data: incidentEvents.data,
      })
      .from(incidentEvents)
      .leftJoin(users, eq(users.id, incidentEvents.actorId))
      .where(eq(incidentEvents.incidentId, incidentId))
      .orderBy(asc(incidentEvents.seq)),
  ]);
  return [
    ...updates.map(
      (u): TimelineEntry => ({ ...u, key: `u:${u.id}`, source: "human", kind: "update" }),
    ),
    ...events.map((e): TimelineEntry => ({ ...e, key: `e:${e.id}`, source: "lifecycle" })),
  ];
}

async function machineEntries(
  db: Database,
  incidentId: string,
  window: { from: Date; to: Date },
): Promise<TimelineEntry[]> {
  const hostIds = db
    .select({ hostId: incidentHosts.hostId })
    .from(incidentHosts)
    .where(eq(incidentHosts.incidentId, incidentId));
  const eventAt = sql<Date>`coalesce(${kernelEvents.loggedAt}, ${kernelEvents.receivedAt})`;
  const [findingRows, kernelRows] = await Promise.all([
    db
      .select({
        id: findingEvents.id,
        at: findingEvents.at,
        kind: findingEvents.kind,
        severity: findingEvents.severity,
        title: findingEvents.title,
        note: findingEvents.note,
        hostName: hosts.name,
      })
      .from(findingEvents)
      .innerJoin(hosts, eq(hosts.id, findingEvents.hostId))
      .where(
        and(
          inArray(findingEvents.hostId, hostIds),
          gte(findingEvents.at, window.from),
          lte(findingEvents.at, window.to),
        ),
      )
      .orderBy(asc(findingEvents.at))
      .limit(MAX_MACHINE_ENTRIES),
    db
      .select({
        id: kernelEvents.id,
        at: eventAt.mapWith(kernelEvents.receivedAt),
        kind: kernelEvents.kind,
        severity: kernelEvents.severity,
        rawLine: kernelEvents.rawLine,
        hostName: hosts.name,
      })
      .from(kernelEvents)
      .innerJoin(hosts, eq(hosts.id, kernelEvents.hostId))
      .where(
        and(
          inArray(kernelEvents.hostId, hostIds),
          gte(kernelEvents.receivedAt, window.from),
          sql`${eventAt} <= ${window.to.toISOString()}`,
        ),
      )
      .orderBy(asc(kernelEvents.id))
      .limit(MAX_MACHINE_ENTRIES),
  ]);
  return [
    ...findingRows.map(
      (f): TimelineEntry => ({
        key: `f:${f.id}`,
        source: "machine",
        kind: `finding_${f.kind}`,
        at: f.at,
        hostName: f.hostName,
        severity: f.severity,
        title: f.title,
        detail: f.note,
      }),
    ),
    ...kernelRows.map(
      (k): TimelineEntry => ({
        key: `k:${k.id}`,
        source: "machine",
        kind: `kernel_${k.kind}`,
        at: k.at,
        hostName: k.hostName,
        severity: k.severity,
        title: k.kind.replaceAll("_", " "),
        detail: k.rawLine,
      }),
    ),
  ];
}
