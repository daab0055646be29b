import type { FindingSeverity } from "@holmes/core";
import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { collectorStatus, findings, hostCollection, hosts } from "../schema";

export type FleetTileRow = {
  id: string;
  name: string;
  groups: string[];
  isSimulated: boolean;
  isEnabled: boolean;
  collectionState: string;
  lastSuccessAt: Date | null;
  lastErrorMessage: string | null;
  worstSeverity: FindingSeverity | null;
  critical: number;
  warning: number;
  info: number;
  /** Rules with an unresolved finding on the host, for the rule filter. */
  ruleIds: string[];
};

/**
 * One row per host with its worst unresolved finding: the heat map and the counts. A single
 * aggregate over the partial index of unresolved findings, so it stays cheap at 1,000 hosts.
 */
export async function listFleetTiles(db: Database): Promise<FleetTileRow[]> {
  const open = db
    .select({
      hostId: findings.hostId,
      critical: sql<number>`count(*) filter (where ${findings.severity} = 'critical')::int`.as(
        "critical",
      ),
      warning: sql<number>`count(*) filter (where ${findings.severity} = 'warning')::int`.as(
        "warning",
      ),
      info: sql<number>`count(*) filter (where ${findings.severity} = 'info')::int`.as("info"),
      ruleIds: sql<string[]>`array_agg(distinct ${findings.ruleId})`.as("rule_ids"),
    })
    .from(findings)
    .where(sql`${findings.state} <> 'resolved'`)
    .groupBy(findings.hostId)
    .as("open_findings");
  const rows = await db
    .select({
      id: hosts.id,
      name: hosts.name,
      groups: hosts.groups,
      isSimulated: hosts.isSimulated,
      isEnabled: hosts.isEnabled,
      collectionState: sql<string>`coalesce(${hostCollection.state}, 'never')`,
      lastSuccessAt: hostCollection.lastSuccessAt,
      lastErrorMessage: hostCollection.lastErrorMessage,
      critical: sql<number>`coalesce(${open.critical}, 0)`,
      warning: sql<number>`coalesce(${open.warning}, 0)`,
      info: sql<number>`coalesce(${open.info}, 0)`,
      ruleIds: sql<string[]>`coalesce(${open.ruleIds}, '{}')`,
    })
    .from(hosts)
    .leftJoin(hostCollection, eq(hostCollection.hostId, hosts.id))
    .leftJoin(open, eq(open.hostId, hosts.id))
    .orderBy(hosts.name);
  return rows.map((row) => ({
    ...row,
    worstSeverity:
      row.critical > 0 ? "critical" : row.warning > 0 ? "warning" : row.info > 0 ? "info" : null,
  }));
}

export type CollectorStatusRow = typeof collectorStatus.$inferSelect;

export async function listCollectorStatus(db: Database): Promise<CollectorStatusRow[]> {
  return db.select().from(collectorStatus).orderBy(desc(collectorStatus.lastCycleAt));
}

/** A collector's heartbeat after each cycle; one row per process instance. */
export async function recordCollectorCycle(db: Database, status: CollectorStatusRow) {
  const { instance, ...rest } = status;
  await db
    .insert(collectorStatus)
    .values(status)
    .onConflictDoUpdate({ target: collectorStatus.instance, set: rest });
}
