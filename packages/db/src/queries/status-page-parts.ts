import { type IncidentStatus, IncidentStatusSchema } from "@holmes/core";
import { and, asc, desc, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  findings,
  hosts,
  incidentFindings,
  incidentHosts,
  incidents,
  incidentUpdates,
  statusComponents,
} from "../schema";

/*
 * Building blocks of the public status page queries (status-page.ts). Everything here reads
 * internal facts (host groups, host names, finding titles) only to decide what to show; none of
 * them is returned to a visitor.
 */

export type PublicUpdate = {
  id: string;
  body: string;
  statusChange: IncidentStatus | null;
  createdAt: Date;
};

/** Components in page order, with the columns derivation needs (host groups stay server-side). */
export async function listComponentRows(db: Database) {
  return db
    .select({
      id: statusComponents.id,
      name: statusComponents.name,
      description: statusComponents.description,
      hostGroups: statusComponents.hostGroups,
      manualStatus: statusComponents.manualStatus,
      position: statusComponents.position,
    })
    .from(statusComponents)
    .orderBy(asc(statusComponents.position), asc(statusComponents.name));
}
export type ComponentRow = Awaited<ReturnType<typeof listComponentRows>>[number];

/** An incident is public once it has a public update; until then even its title is internal. */
export function isPublic(db: Database): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(incidentUpdates)
      .where(
        and(eq(incidentUpdates.incidentId, incidents.id), eq(incidentUpdates.audience, "public")),
      ),
  );
}

/** Per incident: the union of its hosts' groups (as they are now) and its findings' titles. */
export async function incidentContexts(db: Database, incidentIds: string[]) {
  const byIncident = new Map<string, { groups: Set<string>; findingTitles: string[] }>();
  if (incidentIds.length === 0) return byIncident;
  const entry = (id: string) => {
    const found = byIncident.get(id) ?? { groups: new Set<string>(), findingTitles: [] };
    byIncident.set(id, found);
    return found;
  };
  const [hostRows, findingRows] = await Promise.all([
    db
      .select({ incidentId: incidentHosts.incidentId, groups: hosts.groups })
      .from(incidentHosts)
      .innerJoin(hosts, eq(hosts.id, incidentHosts.hostId))
      .where(inArray(incidentHosts.incidentId, incidentIds)),
    db
      .select({ incidentId: incidentFindings.incidentId, title: findings.title })
      .from(incidentFindings)
      .innerJoin(findings, eq(findings.id, incidentFindings.findingId))
      .where(inArray(incidentFindings.incidentId, incidentIds)),
  ]);
  for (const row of hostRows) {
    const groups = entry(row.incidentId).groups;
    for (const group of row.groups) groups.add(group);
  }
  for (const row of findingRows) entry(row.incidentId).findingTitles.push(row.title);
  return byIncident;
}

/** Every host name in the inventory: a title naming any of them is not shown publicly. */
export async function allHostNames(db: Database): Promise<string[]> {
  const rows = await db.select({ name: hosts.name }).from(hosts);
  return rows.map((row) => row.name);
}

/** The public updates of some incidents, newest first; internal ones are never selected. */
export async function publicUpdates(db: Database, incidentIds: string[]) {
  const byIncident = new Map<string, PublicUpdate[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .select({
      incidentId: incidentUpdates.incidentId,
      id: incidentUpdates.id,
      body: incidentUpdates.body,
      statusChange: incidentUpdates.statusChange,
      createdAt: incidentUpdates.createdAt,
    })
    .from(incidentUpdates)
    .where(
      and(inArray(incidentUpdates.incidentId, incidentIds), eq(incidentUpdates.audience, "public")),
    )
    .orderBy(desc(incidentUpdates.createdAt), desc(incidentUpdates.seq));
  for (const { incidentId, statusChange, ...update } of rows) {
    const list = byIncident.get(incidentId) ?? [];
    list.push({ ...update, statusChange: IncidentStatusSchema.nullable().parse(statusChange) });
    byIncident.set(incidentId, list);
  }
  return byIncident;
}
