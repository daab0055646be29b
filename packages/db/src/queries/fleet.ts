import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hostCollection, hosts, mdArrays } from "../schema";

export type FleetHostRow = {
  id: string;
  name: string;
  address: string;
  groups: string[];
  isSimulated: boolean;
  isEnabled: boolean;
  state: string;
  lastSuccessAt: Date | null;
  lastErrorMessage: string | null;
  pinnedHostKey: string | null;
  presentedHostKey: string | null;
  kernelRelease: string | null;
  osName: string | null;
  arrayCount: number;
  degradedArrays: string[];
  inactiveArrays: string[];
  syncingArrays: string[];
};

/** One row per host for the fleet list: collection status and the md facts that need eyes. */
export async function listFleetHosts(db: Database): Promise<FleetHostRow[]> {
  const arrays = db
    .select({
      hostId: mdArrays.hostId,
      arrayCount: sql<number>`count(*)::int`.as("array_count"),
      degraded: sql<
        string[]
      >`coalesce(array_agg(${mdArrays.name} order by ${mdArrays.name}) filter (where ${mdArrays.degraded}), '{}')`.as(
        "degraded",
      ),
      inactive: sql<
        string[]
      >`coalesce(array_agg(${mdArrays.name} order by ${mdArrays.name}) filter (where ${mdArrays.state} <> 'active'), '{}')`.as(
        "inactive",
      ),
      syncing: sql<
        string[]
      >`coalesce(array_agg(${mdArrays.name} order by ${mdArrays.name}) filter (where ${mdArrays.syncAction} is not null), '{}')`.as(
        "syncing",
      ),
    })
    .from(mdArrays)
    .groupBy(mdArrays.hostId)
    .as("arrays");
  const rows = await db
    .select({
      id: hosts.id,
      name: hosts.name,
      address: hosts.address,
      groups: hosts.groups,
      isSimulated: hosts.isSimulated,
      isEnabled: hosts.isEnabled,
      state: sql<string>`coalesce(${hostCollection.state}, 'never')`,
      lastSuccessAt: hostCollection.lastSuccessAt,
      lastErrorMessage: hostCollection.lastErrorMessage,
      pinnedHostKey: hosts.pinnedHostKey,
      presentedHostKey: hosts.presentedHostKey,
      kernelRelease: hostCollection.kernelRelease,
      osName: hostCollection.osName,
      arrayCount: sql<number>`coalesce(${arrays.arrayCount}, 0)`,
      degradedArrays: sql<string[]>`coalesce(${arrays.degraded}, '{}')`,
      inactiveArrays: sql<string[]>`coalesce(${arrays.inactive}, '{}')`,
      syncingArrays: sql<string[]>`coalesce(${arrays.syncing}, '{}')`,
    })
    .from(hosts)
    .leftJoin(hostCollection, eq(hostCollection.hostId, hosts.id))
    .leftJoin(arrays, eq(arrays.hostId, hosts.id))
    .orderBy(asc(hosts.name));
  return rows;
}
