import type { KernelLog, LoopDevice, LvmReport, MountEntry, MountstatsReport } from "@holmes/core";
import type { HostSnapshot } from "@holmes/db/queries/fleet-state";

type MountRow = HostSnapshot["mounts"][number];

/** Pseudo filesystems are noise on a storage dashboard. */
const PSEUDO_FS = new Set([
  "proc",
  "sysfs",
  "devtmpfs",
  "devpts",
  "tmpfs",
  "cgroup",
  "cgroup2",
  "securityfs",
  "pstore",
  "bpf",
  "debugfs",
  "tracefs",
  "configfs",
  "fusectl",
  "mqueue",
  "hugetlbfs",
  "autofs",
  "binfmt_misc",
  "rpc_pipefs",
  "nsfs",
  "efivarfs",
  "overlay",
  "squashfs",
  "selinuxfs",
  "rootfs",
  "ramfs",
]);

export function toMountRows(entries: readonly MountEntry[]): MountRow[] {
  const rows = new Map<string, MountRow>();
  for (const entry of entries) {
    if (PSEUDO_FS.has(entry.fstype)) continue;
    // The last mount on a mount point is the one visible there.
    rows.set(entry.target, {
      mountPoint: entry.target,
      source: entry.source ?? "",
      fstype: entry.fstype,
      options: [entry.options, entry.superOptions].filter(Boolean).join(","),
      nfs: entry.nfs ? { ...entry.nfs, server: entry.nfsServer, export: entry.nfsExport } : null,
      isDeleted: entry.deleted,
    });
  }
  return [...rows.values()];
}

export function toLoopRows(loops: readonly LoopDevice[]): HostSnapshot["loopDevices"] {
  return loops.map((loop) => ({
    name: loop.name.replace(/^\/dev\//, ""),
    backFile: loop.backFile,
    isBackFileDeleted: loop.backFileDeleted,
    isReadOnly: loop.readOnly ?? false,
  }));
}

/** Cumulative per-mount counters; trends are computed from consecutive samples when read. */
export function toNfsSamples(report: MountstatsReport): HostSnapshot["nfsSamples"] {
  return report.mounts
    .filter((mount) => mount.operations !== null && mount.operations.length > 0)
    .map((mount) => ({
      mountPoint: mount.mountPoint,
      retransmissions: typeof mount.retransmissions === "number" ? mount.retransmissions : null,
      operations: Object.fromEntries(
        (mount.operations ?? [])
          .filter((op) => typeof op.ops === "number" && op.ops > 0)
          .map((op) => [
            op.name,
            { ops: asNumber(op.ops), rttMs: asNumber(op.rttMs), executeMs: asNumber(op.executeMs) },
          ]),
      ),
    }));
}

function asNumber(value: number | string | null): number {
  return typeof value === "number" ? value : Number(value ?? 0);
}

export function toVolumeGroupRows(report: LvmReport): HostSnapshot["volumeGroups"] {
  return report.vgs.map((vg) => ({
    name: vg.vgName,
    uuid: vg.vgUuid,
    seqno: vg.seqno,
    sizeBytes: vg.vgSize,
    freeBytes: vg.vgFree,
    physicalVolumes: report.pvs.filter((pv) => pv.vgName === vg.vgName) as Array<
      Record<string, unknown>
    >,
    logicalVolumes: report.lvs.filter((lv) => lv.vgName === vg.vgName) as Array<
      Record<string, unknown>
    >,
  }));
}

/** Only classified lines are stored as events; each keeps its raw line. */
export function toKernelEvents(log: KernelLog): HostSnapshot["kernelEvents"] {
  return log.lines.flatMap((line) =>
    line.event
      ? [
          {
            loggedAt:
              line.timestamp?.kind === "wallclock" && line.timestamp.iso
                ? new Date(line.timestamp.iso)
                : null,
            kind: line.event.kind,
            severity: line.event.severity,
            device: line.event.device ?? line.event.array ?? line.event.server,
            rawLine: line.raw,
            detail: line.event as unknown as Record<string, unknown>,
          },
        ]
      : [],
  );
}
