import type { HostSnapshot } from "@holmes/db/queries/fleet-state";
import {
  type DiscoveredNames,
  LVM_COLUMN_FIELDS,
  LVM_COLUMN_SEPARATOR,
} from "@holmes/probes/commands";
import {
  type LvmColumnsKind,
  parseFindmnt,
  parseKernelLog,
  parseLosetup,
  parseLosetupAll,
  parseLsblk,
  parseLvmColumns,
  parseLvmReport,
  parseMdadmDetail,
  parseMdstat,
  parseMountinfo,
  parseMountstats,
  parseSmartctl,
} from "@holmes/probes/parsers";
import { diskNames, serialIndex, toDiskRow, toSmartSample } from "./normalize-disks";
import { toArrayRow, toMemberRows } from "./normalize-md";
import {
  toKernelEvents,
  toLoopRows,
  toMountRows,
  toNfsSamples,
  toVolumeGroupRows,
} from "./normalize-mounts";
import type { PollReader } from "./sections";

/** What round 1 found, for round 2 to ask about by name. */
export function discoveredNames(reader: PollReader): DiscoveredNames {
  const mdstat = reader.parse("mdstat", parseMdstat);
  const lsblk = reader.parse("lsblk", parseLsblk);
  const lvm = readLvmReport(reader, "vg");
  const arrays = (mdstat?.arrays ?? []).filter((a) => !a.isContainer || a.state === "active");
  return {
    arrays: arrays.map((a) => a.name),
    members: arrays.flatMap((a) => a.members.map((m) => m.device)),
    disks: lsblk ? diskNames(lsblk) : [],
    volumeGroups: (lvm?.vgs ?? []).map((vg) => vg.vgName),
  };
}

/** Turns both rounds of a poll into the rows Holmes stores; parse problems stay on the reader. */
export function buildSnapshot(
  reader: PollReader,
  observedAt: Date,
  options: { isSmartDue: boolean },
): HostSnapshot {
  const mdstat = reader.parse("mdstat", parseMdstat);
  const lsblk = reader.parse("lsblk", parseLsblk);
  const serialOf = serialIndex(lsblk);
  const arrays = mdstat?.arrays ?? [];
  const details = new Map(
    arrays.map((a) => [a.name, reader.parse(`mdadm-detail:/dev/${a.name}`, parseMdadmDetail)]),
  );
  const smart = options.isSmartDue ? readSmart(reader) : null;
  // /proc/mounts, the fallback on kernels before mountinfo (2.6.26), has the same parser.
  const mounts =
    reader.parseWithFallback(
      { id: "mountinfo", parser: parseMountinfo },
      { id: "proc-mounts", parser: parseMountinfo },
    ) ??
    reader.parse("findmnt", parseFindmnt) ??
    [];
  const mountstats = reader.parse("mountstats", parseMountstats);
  const loops =
    reader.parseWithFallback(
      { id: "losetup", parser: parseLosetup },
      { id: "losetup-all", parser: parseLosetupAll },
    ) ?? [];
  const lvm = mergeLvm(reader);
  const kernelLog = readKernelLog(reader);
  return {
    observedAt,
    kernelRelease: reader.text("uname")?.trim() || null,
    osName: prettyName(reader.text("os-release")),
    missingTools: [...reader.missingTools].sort(),
    arrays: arrays.map((a) => toArrayRow(a, details.get(a.name) ?? null)),
    members: arrays.flatMap((a) => toMemberRows(a, details.get(a.name) ?? null, serialOf)),
    disks: smart?.map(([name, report]) => toDiskRow(name, report)) ?? null,
    mounts: toMountRows(mounts),
    loopDevices: toLoopRows(loops),
    volumeGroups: lvm ? toVolumeGroupRows(lvm) : [],
    kernelEvents: kernelLog ? toKernelEvents(kernelLog) : [],
    smartSamples: (smart ?? []).flatMap(([, report]) => toSmartSample(report) ?? []),
    nfsSamples: mountstats ? toNfsSamples(mountstats) : [],
  };
}

function readSmart(reader: PollReader) {
  return reader.idsOf("smartctl").flatMap((id) => {
    // smartctl's exit status is a bitmask of findings, not a failure: parse whatever it printed.
    const report = reader.parse(id, parseSmartctl, { anyExitCode: true });
    return report ? [[id.replace(/^smartctl:\/dev\//, ""), report] as const] : [];
  });
}

function readKernelLog(reader: PollReader) {
  for (const id of [...reader.idsOf("kernel-log"), ...reader.idsOf("kernel-log-dmesg")]) {
    const log = reader.parse(id, (text) => parseKernelLog(text));
    if (log) return log;
  }
  return null;
}

/** `pvs`/`vgs`/`lvs` as JSON, or their column report where LVM predates JSON (RHEL 5, 6). */
function readLvmReport(reader: PollReader, kind: LvmColumnsKind) {
  const fields = LVM_COLUMN_FIELDS[kind];
  return reader.parseWithFallback(
    { id: `${kind}s`, parser: parseLvmReport },
    {
      id: `${kind}s-columns`,
      parser: (text) => parseLvmColumns(text, kind, fields, LVM_COLUMN_SEPARATOR),
    },
  );
}

function mergeLvm(reader: PollReader) {
  const [pvs, vgs, lvs] = (["pv", "vg", "lv"] as const).map((kind) => readLvmReport(reader, kind));
  if (!vgs) return null;
  return { pvs: pvs?.pvs ?? [], vgs: vgs.vgs, lvs: lvs?.lvs ?? [], hasApproximateSizes: false };
}

function prettyName(osRelease: string | null): string | null {
  const match = osRelease?.match(/^PRETTY_NAME="?([^"\n]*)"?$/m);
  return match?.[1] ?? null;
}
