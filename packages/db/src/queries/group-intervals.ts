import {
  type GroupPollIntervals,
  type GroupPollIntervalsSetting,
  type HostPollIntervals,
  hostPollIntervals,
} from "@holmes/core";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { groupPollIntervals, hosts } from "../schema";

const settingColumns = {
  group: groupPollIntervals.groupName,
  stateIntervalSeconds: groupPollIntervals.stateIntervalSeconds,
  smartIntervalSeconds: groupPollIntervals.smartIntervalSeconds,
};

/** Every group that sets an interval. A handful of rows: callers apply them per host. */
export async function listGroupPollIntervals(db: Database): Promise<GroupPollIntervals[]> {
  return db
    .select(settingColumns)
    .from(groupPollIntervals)
    .orderBy(asc(groupPollIntervals.groupName));
}

export type GroupIntervalRow = GroupPollIntervals & {
  /** Enabled and disabled hosts carrying the group. */
  hostCount: number;
  /** When the setting last changed; null for a group that never had one. */
  updatedAt: Date | null;
};

/** For the admin page: each group that hosts carry or that has a setting, with its setting. */
export async function listGroupIntervalOverview(db: Database): Promise<GroupIntervalRow[]> {
  const [counts, settings] = await Promise.all([
    db
      .select({
        group: sql<string>`g.name`,
        hostCount: sql<number>`count(*)::int`,
      })
      .from(sql`${hosts}, unnest(${hosts.groups}) as g(name)`)
      .groupBy(sql`g.name`),
    db
      .select({ ...settingColumns, updatedAt: groupPollIntervals.updatedAt })
      .from(groupPollIntervals),
  ]);
  const rows = new Map<string, GroupIntervalRow>();
  for (const { group, hostCount } of counts) {
    rows.set(group, {
      group,
      hostCount,
      stateIntervalSeconds: null,
      smartIntervalSeconds: null,
      updatedAt: null,
    });
  }
  for (const setting of settings) {
    rows.set(setting.group, { hostCount: rows.get(setting.group)?.hostCount ?? 0, ...setting });
  }
  return [...rows.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/**
 * Sets a group's intervals (validated by the caller against core's schema; the table's checks
 * repeat the bounds). Both null means "back to the defaults", so the row goes.
 */
export async function setGroupPollIntervals(
  db: Database,
  group: string,
  setting: GroupPollIntervalsSetting,
  now: Date,
): Promise<GroupPollIntervals & { id: string }> {
  if (setting.stateIntervalSeconds === null && setting.smartIntervalSeconds === null) {
    await db.delete(groupPollIntervals).where(eq(groupPollIntervals.groupName, group));
  } else {
    const values = { ...setting, updatedAt: now };
    await db
      .insert(groupPollIntervals)
      .values({ groupName: group, ...values })
      .onConflictDoUpdate({ target: groupPollIntervals.groupName, set: values });
  }
  // `id` names the group in the audit log, as a host's id names the host.
  return { id: group, group, ...setting };
}

/**
 * The intervals that apply to each host (all hosts, or those given), by host id: the shortest
 * of its groups' settings, else `defaults` (the collector's own).
 */
export async function loadHostPollIntervals(
  db: Database,
  defaults: { stateIntervalMs: number; smartIntervalMs: number },
  hostIds?: readonly string[],
): Promise<Map<string, HostPollIntervals>> {
  const [rows, settings] = await Promise.all([
    db
      .select({ id: hosts.id, groups: hosts.groups })
      .from(hosts)
      .where(hostIds ? inArray(hosts.id, [...hostIds]) : undefined),
    listGroupPollIntervals(db),
  ]);
  return new Map(rows.map((row) => [row.id, hostPollIntervals(row.groups, settings, defaults)]));
}
