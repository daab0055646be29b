import type { NfsMountOptions, SmartAtaAttribute, SmartNvmeHealth } from "@holmes/core";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { disks, loopDevices, mounts } from "../schema";

/** Backblaze's failure predictors plus 199 (cabling): the attributes a disk card shows. */
export const KEY_ATA_ATTRIBUTES = [5, 187, 188, 196, 197, 198, 199] as const;

export type DiskAttribute = Pick<
  SmartAtaAttribute,
  "id" | "name" | "value" | "worst" | "threshold" | "raw" | "whenFailed"
>;

export type DiskNvmeHealth = Pick<
  SmartNvmeHealth,
  | "criticalWarning"
  | "mediaErrors"
  | "percentageUsed"
  | "availableSpare"
  | "availableSpareThreshold"
  | "unsafeShutdowns"
  | "numErrLogEntries"
>;

export type DiskDetail = {
  name: string;
  protocol: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  capacityBytes: number | null;
  rotationRate: number | null;
  /** smartctl's overall verdict; null when it gave none (standby, unsupported). */
  smartPassed: boolean | null;
  temperatureC: number | null;
  powerOnHours: number | null;
  isStandby: boolean;
  observedAt: Date;
  keyAttributes: DiskAttribute[];
  nvme: DiskNvmeHealth | null;
  scsiGrownDefects: number | null;
  hoursSinceLastSelfTest: number | null;
  errorLogCount: number | null;
};

export async function loadDisks(db: Database, hostId: string): Promise<DiskDetail[]> {
  const rows = await db
    .select({
      name: disks.name,
      protocol: disks.protocol,
      model: disks.model,
      serial: disks.serial,
      firmware: disks.firmware,
      capacityBytes: disks.capacityBytes,
      rotationRate: disks.rotationRate,
      smartPassed: disks.smartPassed,
      temperatureC: disks.temperatureC,
      powerOnHours: disks.powerOnHours,
      isStandby: disks.isStandby,
      observedAt: disks.observedAt,
      attributes: sql<SmartAtaAttribute[] | null>`${disks.health}->'attributes'`,
      nvme: sql<SmartNvmeHealth | null>`${disks.health}->'nvme'`,
      scsiGrownDefects: sql<number | null>`(${disks.health}->'scsi'->>'grownDefects')::int`,
      hoursSinceLastSelfTest: sql<
        number | null
      >`(${disks.health}->>'hoursSinceLastSelfTest')::float8`,
      errorLogCount: sql<number | null>`(${disks.health}->>'errorLogCount')::int`,
    })
    .from(disks)
    .where(eq(disks.hostId, hostId))
    .orderBy(asc(disks.name));
  return rows.map(({ attributes, nvme, ...disk }) => ({
    ...disk,
    keyAttributes: (attributes ?? [])
      .filter((a) => (KEY_ATA_ATTRIBUTES as readonly number[]).includes(a.id))
      .map((a) => ({
        id: a.id,
        name: a.name,
        value: a.value,
        worst: a.worst,
        threshold: a.threshold,
        raw: a.raw,
        whenFailed: a.whenFailed,
      })),
    nvme: nvme
      ? {
          criticalWarning: nvme.criticalWarning,
          mediaErrors: nvme.mediaErrors,
          percentageUsed: nvme.percentageUsed,
          availableSpare: nvme.availableSpare,
          availableSpareThreshold: nvme.availableSpareThreshold,
          unsafeShutdowns: nvme.unsafeShutdowns,
          numErrLogEntries: nvme.numErrLogEntries,
        }
      : null,
  }));
}

export type NfsOptionsDetail = Pick<
  NfsMountOptions,
  "vers" | "proto" | "hard" | "soft" | "softerr" | "timeo" | "retrans" | "intr" | "readOnly"
> & { server: string | null; export: string | null };

export type MountDetail = {
  mountPoint: string;
  source: string;
  fstype: string;
  options: string;
  isDeleted: boolean;
  nfs: NfsOptionsDetail | null;
};

type StoredNfs = NfsMountOptions & { server: string | null; export: string | null };

export async function loadMounts(db: Database, hostId: string): Promise<MountDetail[]> {
  const rows = await db
    .select({
      mountPoint: mounts.mountPoint,
      source: mounts.source,
      fstype: mounts.fstype,
      options: mounts.options,
      isDeleted: mounts.isDeleted,
      nfs: mounts.nfs,
    })
    .from(mounts)
    .where(eq(mounts.hostId, hostId))
    .orderBy(asc(mounts.mountPoint));
  return rows.map((row) => {
    const nfs = row.nfs as StoredNfs | null;
    return {
      ...row,
      nfs: nfs
        ? {
            server: nfs.server,
            export: nfs.export,
            vers: nfs.vers,
            proto: nfs.proto,
            hard: nfs.hard,
            soft: nfs.soft,
            softerr: nfs.softerr,
            timeo: nfs.timeo,
            retrans: nfs.retrans,
            intr: nfs.intr,
            readOnly: nfs.readOnly,
          }
        : null,
    };
  });
}

export type LoopRow = {
  name: string;
  backFile: string | null;
  isBackFileDeleted: boolean;
  isReadOnly: boolean;
};

export type LoopDetail = LoopRow & {
  /** The mount the backing file lives on (longest matching mount point). */
  backingMount: { mountPoint: string; source: string; fstype: string } | null;
  isOnNfs: boolean;
  /** Where the loop device itself is mounted, if it is. */
  mountedAt: { mountPoint: string; fstype: string } | null;
};

export async function loadLoopDevices(db: Database, hostId: string): Promise<LoopRow[]> {
  return db
    .select({
      name: loopDevices.name,
      backFile: loopDevices.backFile,
      isBackFileDeleted: loopDevices.isBackFileDeleted,
      isReadOnly: loopDevices.isReadOnly,
    })
    .from(loopDevices)
    .where(eq(loopDevices.hostId, hostId))
    .orderBy(asc(loopDevices.name));
}
