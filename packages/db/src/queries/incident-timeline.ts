import type { IncidentTimelineEntry } from "@holmes/core";
import { and, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
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

export type TimelineEntry = IncidentTimelineEntry;

export type TimelineFilter = "all" | "human" | "machine";

/** Machine history starts a little before the incident: the cause usually precedes the page. */
const LEAD_MS = 60 * 60_000;

/** A page of the timeline: the newest `limit` entries, or those before `before` when paging back. */
export type TimelinePage = { limit: number; before?: Date };

/**
 * One ordered stream (oldest first): people's updates, lifecycle changes, and what the incident's
 * hosts reported in its window (finding changes, classified kernel events). Each source is read
 * newest first up to the page size, so a 5,000-entry incident costs one page, not all of it.
 */
export async function incidentTimeline(
  db: Database,
  incidentId: string,
  filter: TimelineFilter,
  now: Date,
  page: TimelinePage = { limit: 500 },
): Promise<TimelineEntry[] | null> {
  const [incident] = await db
    .select({ startedAt: incidents.startedAt, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const [human, machine] = await Promise.all([
    filter === "machine" ? [] : humanEntries(db, incidentId, page),
    filter === "human"
      ? []
      : machineEntries(db, incidentId, page, {
          from: new Date(incident.startedAt.getTime() - LEAD_MS),
          to: incident.resolvedAt ?? now,
        }),
  ]);
  const newestFirst = [...human, ...machine].sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() ||
      ("seq" in b ? b.seq : 0) - ("seq" in a ? a.seq : 0) ||
      b.key.localeCompare(a.key),
  );
  return newestFirst.slice(0, page.limit).reverse();
}

async function humanEntries(
  db: Database,
  incidentId: string,
  page: TimelinePage,
): Promise<TimelineEntry[]> {
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
      .where(
        and(
          eq(incidentUpdates.incidentId, incidentId),
          page.before ? lt(incidentUpdates.createdAt, page.before) : undefined,
        ),
      )
      .orderBy(desc(incidentUpdates.createdAt), desc(incidentUpdates.seq))
      .limit(page.limit),
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
      .where(
        and(
          eq(incidentEvents.incidentId, incidentId),
          page.before ? lt(incidentEvents.at, page.before) : undefined,
        ),
      )
      .orderBy(desc(incidentEvents.at), desc(incidentEvents.seq))
      .limit(page.limit),
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
  page: TimelinePage,
  window: { from: Date; to: Date },
): Promise<TimelineEntry[]> {
  const to = page.before && page.before < window.to ? page.before : window.to;
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
          page.before ? lt(findingEvents.at, to) : lte(findingEvents.at, to),
        ),
      )
      .orderBy(desc(findingEvents.at))
      .limit(page.limit),
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
          page.before
            ? sql`${eventAt} < ${to.toISOString()}`
            : sql`${eventAt} <= ${to.toISOString()}`,
        ),
      )
      .orderBy(desc(kernelEvents.id))
      .limit(page.limit),
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
