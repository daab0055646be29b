import { and, desc, eq, exists, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import {
  findings,
  hosts,
  incidentFindings,
  incidentHosts,
  incidents,
  severityDefinitions,
  users,
} from "../schema";

const commander = alias(users, "commander");
const scribe = alias(users, "scribe");
const commsLead = alias(users, "comms_lead");
const editor = alias(users, "editor");

/** One incident with the names behind its roles, its hosts and linked findings. */
export async function incidentById(db: Database, id: string) {
  const [row] = await db
    .select({
      incident: incidents,
      severityName: severityDefinitions.name,
      commanderName: commander.name,
      scribeName: scribe.name,
      commsLeadName: commsLead.name,
      updatedByName: editor.name,
    })
    .from(incidents)
    .leftJoin(severityDefinitions, eq(severityDefinitions.level, incidents.severity))
    .leftJoin(commander, eq(commander.id, incidents.commanderId))
    .leftJoin(scribe, eq(scribe.id, incidents.scribeId))
    .leftJoin(commsLead, eq(commsLead.id, incidents.commsLeadId))
    .leftJoin(editor, eq(editor.id, incidents.updatedBy))
    .where(eq(incidents.id, id));
  if (!row) return null;
  const [hostRows, findingRows] = await Promise.all([
    db
      .select({ id: hosts.id, name: hosts.name, groups: hosts.groups })
      .from(incidentHosts)
      .innerJoin(hosts, eq(hosts.id, incidentHosts.hostId))
      .where(eq(incidentHosts.incidentId, id))
      .orderBy(hosts.name),
    db
      .select({
        id: findings.id,
        title: findings.title,
        severity: findings.severity,
        state: findings.state,
        ruleId: findings.ruleId,
        hostName: hosts.name,
      })
      .from(incidentFindings)
      .innerJoin(findings, eq(findings.id, incidentFindings.findingId))
      .innerJoin(hosts, eq(hosts.id, findings.hostId))
      .where(eq(incidentFindings.incidentId, id)),
  ]);
  const { incident, ...names } = row;
  return { ...incident, ...names, hosts: hostRows, findings: findingRows };
}

export type IncidentListFilter = {
  statuses?: string[];
  severities?: number[];
  hostName?: string;
  text?: string;
  limit: number;
  offset: number;
};

export async function listIncidents(db: Database, filter: IncidentListFilter) {
  const text = filter.text?.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  const where: SQL | undefined = and(
    filter.statuses?.length ? inArray(incidents.status, filter.statuses) : undefined,
    filter.severities?.length ? inArray(incidents.severity, filter.severities) : undefined,
    filter.hostName
      ? exists(
          db
            .select({ one: sql`1` })
            .from(incidentHosts)
            .innerJoin(hosts, eq(hosts.id, incidentHosts.hostId))
            .where(
              and(eq(incidentHosts.incidentId, incidents.id), eq(hosts.name, filter.hostName)),
            ),
        )
      : undefined,
    text
      ? or(
          ilike(incidents.title, `%${text}%`),
          sql`'INC-' || ${incidents.number} = upper(${filter.text?.trim()})`,
        )
      : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: incidents.id,
        number: incidents.number,
        title: incidents.title,
        severity: incidents.severity,
        status: incidents.status,
        source: incidents.source,
        startedAt: incidents.startedAt,
        acknowledgedAt: incidents.acknowledgedAt,
        resolvedAt: incidents.resolvedAt,
        commanderName: commander.name,
        hostCount: sql<number>`(select count(*)::int from incident_hosts ih where ih.incident_id = ${incidents.id})`,
      })
      .from(incidents)
      .leftJoin(commander, eq(commander.id, incidents.commanderId))
      .where(where)
      .orderBy(sql`${incidents.status} = 'resolved'`, desc(incidents.startedAt))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(incidents).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function listSeverityDefinitions(db: Database) {
  return db.select().from(severityDefinitions).orderBy(severityDefinitions.level);
}
