import type { FindingEvidence } from "@holmes/core";
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";
import { findings, hosts, users } from "../schema";

export type FindingListFilter = {
  /** "unresolved" = open or acknowledged: what needs eyes. */
  state: "unresolved" | "open" | "acknowledged" | "resolved";
  severities?: string[];
  hostName?: string;
  ruleId?: string;
  text?: string;
  sort: "severity" | "lastSeen" | "firstSeen" | "host";
  limit: number;
  offset: number;
};

export type FindingListItem = {
  id: string;
  hostId: string;
  hostName: string;
  isSimulatedHost: boolean;
  ruleId: string;
  objectKind: string;
  objectName: string;
  severity: string;
  title: string;
  explanation: string;
  evidence: FindingEvidence;
  runbookId: string | null;
  state: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
  acknowledgeNote: string | null;
  acknowledgedUntil: Date | null;
};

const SEVERITY_ORDER = sql`case ${findings.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`;

function whereOf(filter: FindingListFilter): SQL | undefined {
  const text = filter.text?.trim();
  const escaped = text?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    filter.state === "unresolved"
      ? sql`${findings.state} <> 'resolved'`
      : eq(findings.state, filter.state),
    filter.severities?.length ? inArray(findings.severity, filter.severities) : undefined,
    filter.hostName ? eq(hosts.name, filter.hostName) : undefined,
    filter.ruleId ? eq(findings.ruleId, filter.ruleId) : undefined,
    escaped
      ? or(
          ilike(findings.title, `%${escaped}%`),
          ilike(hosts.name, `%${escaped}%`),
          ilike(findings.objectName, `%${escaped}%`),
        )
      : undefined,
  );
}

/** Findings for the findings page and the fleet's open list, newest problems first by default. */
export async function listFindings(
  db: Database,
  filter: FindingListFilter,
): Promise<{ items: FindingListItem[]; total: number }> {
  const where = whereOf(filter);
  const order = {
    severity: [asc(SEVERITY_ORDER), desc(findings.lastSeenAt)],
    lastSeen: [desc(findings.lastSeenAt)],
    firstSeen: [desc(findings.firstSeenAt)],
    host: [asc(hosts.name), asc(SEVERITY_ORDER)],
  }[filter.sort];
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: findings.id,
        hostId: findings.hostId,
        hostName: hosts.name,
        isSimulatedHost: hosts.isSimulated,
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
        resolvedAt: findings.resolvedAt,
        acknowledgedByName: users.name,
        acknowledgedAt: findings.acknowledgedAt,
        acknowledgeNote: findings.acknowledgeNote,
        acknowledgedUntil: findings.acknowledgedUntil,
      })
      .from(findings)
      .innerJoin(hosts, eq(hosts.id, findings.hostId))
      .leftJoin(users, eq(users.id, findings.acknowledgedBy))
      .where(where)
      .orderBy(...order, asc(findings.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(findings)
      .innerJoin(hosts, eq(hosts.id, findings.hostId))
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}
