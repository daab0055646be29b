import type { LvmLv, LvmPv } from "@holmes/core";
import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { volumeGroups } from "../schema";

export type VolumeGroupDetail = {
  name: string;
  uuid: string | null;
  sizeBytes: number | null;
  freeBytes: number | null;
  physicalVolumes: Array<{
    name: string;
    sizeBytes: number | null;
    freeBytes: number | null;
    isMissing: boolean;
  }>;
  logicalVolumes: Array<{
    name: string;
    sizeBytes: number | null;
    attr: string | null;
    segtype: string | null;
    isHidden: boolean;
    health: string | null;
    /** PV paths or sub-LV names the LV's segments sit on. */
    devices: string[];
  }>;
};

export async function loadVolumeGroups(db: Database, hostId: string): Promise<VolumeGroupDetail[]> {
  const rows = await db
    .select({
      name: volumeGroups.name,
      uuid: volumeGroups.uuid,
      sizeBytes: volumeGroups.sizeBytes,
      freeBytes: volumeGroups.freeBytes,
      physicalVolumes: volumeGroups.physicalVolumes,
      logicalVolumes: volumeGroups.logicalVolumes,
    })
    .from(volumeGroups)
    .where(eq(volumeGroups.hostId, hostId))
    .orderBy(asc(volumeGroups.name));
  return rows.map((vg) => ({
    name: vg.name,
    uuid: vg.uuid,
    sizeBytes: vg.sizeBytes,
    freeBytes: vg.freeBytes,
    physicalVolumes: ((vg.physicalVolumes ?? []) as unknown as LvmPv[]).map((pv) => ({
      name: pv.pvName,
      sizeBytes: pv.pvSize,
      freeBytes: pv.pvFree,
      isMissing: pv.isMissing === true,
    })),
    logicalVolumes: ((vg.logicalVolumes ?? []) as unknown as LvmLv[]).map((lv) => ({
      name: lv.lvName,
      sizeBytes: lv.lvSize,
      attr: lv.lvAttr,
      segtype: lv.segtype,
      isHidden: lv.isHidden,
      health: lv.volumeHealth ?? (lv.healthStatus || null),
      devices: (lv.devices ?? []).map((d) => d.path),
    })),
  }));
}
