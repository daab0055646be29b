import type { HostSnapshot } from "@holmes/db/queries/fleet-state";
import type { DiscoveredNames } from "@holmes/probes/commands";
import {
  parseFindmnt,
  parseKernelLog,
  parseLsblk,
  parseMdadmDetail,
  parseMdstat,
  parseMountstats,
  parseSmartctl,
} from "@holmes/probes/parsers";
import { LOOP_FORMS, lvmForms, MOUNT_FORMS } from "../command-forms";
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

/** What discovery found, for the details to ask about by name. */
export function discoveredNames(reader: PollReader): DiscoveredNames {
  const mdstat = reader.parse("mdstat", parseMdstat);
  const lsblk = reader.parse("lsblk", parseLsblk);
  const lvm = reader.parseWithFallback(lvmForms("vg"));
  const arrays = (mdstat?.arrays ?? []).filter((a) => !a.isContainer || a.state === "active");
  return {
    arrays: arrays.map((a) => a.name),
    members: arrays.flatMap((a) => a.members.map((m) => m.device)),
    disks: lsblk ? diskNames(lsblk) : [],
    volumeGroups: (lvm?.vgs ?? []).map((vg) => vg.vgName),
  };
}

/**
 * The parts of a snapshot read from stable sections (poll-memory.ts): everything but SMART, NFS
 * counters and kernel messages. A host whose stable outputs have not changed gives the same parts.
 */
export type StableParts = Pick<
  HostSnapshot,
  "kernelRelease" | "osName" | "arrays" | "members" | "mounts" | "loopDevices" | "volumeGroups"
>;

export function readStableParts(reader: PollReader): StableParts {
  const mdstat = reader.parse("mdstat", parseMdstat);
  const lsblk = reader.parse("lsblk", parseLsblk);
  const serialOf = serialIndex(lsblk);
  const arrays = mdstat?.arrays ?? [];
  const details = new Map(
    arrays.map((a) => [a.name, reader.parse(`mdadm-detail:/dev/${a.name}`, parseMdadmDetail)]),
  );
  const mounts =
    reader.parseWithFallback(MOUNT_FORMS) ?? reader.parse("findmnt", parseFindmnt) ?? [];
  const loops = reader.parseWithFallback(LOOP_FORMS) ?? [];
  const lvm = mergeLvm(reader);
  return {
    kernelRelease: reader.text("uname")?.trim() || null,
    osName: prettyName(reader.text("os-release")),
    arrays: arrays.map((a) => toArrayRow(a, details.get(a.name) ?? null)),
    members: arrays.flatMap((a) => toMemberRows(a, details.get(a.name) ?? null, serialOf)),
    mounts: toMountRows(mounts),
    loopDevices: toLoopRows(loops),
    volumeGroups: lvm ? toVolumeGroupRows(lvm) : [],
  };
}

/**
 * Turns both rounds of a poll into the rows Holmes stores; parse problems stay on the reader.
 * `stable` is what an unchanged host's last poll read; without it the stable sections are read.
 */
export function buildSnapshot(
  reader: PollReader,
  observedAt: Date,
  options: { isSmartDue: boolean },
  stable: StableParts = readStableParts(reader),
): HostSnapshot {
  const smart = options.isSmartDue ? readSmart(reader) : null;
  const mountstats = reader.parse("mountstats", parseMountstats);
  const kernelLog = readKernelLog(reader);
  return {
    observedAt,
    ...stable,
    missingTools: [...reader.missingTools].sort(),
    disks: smart?.map(([name, report]) => toDiskRow(name, report)) ?? null,
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

function mergeLvm(reader: PollReader) {
  const [pvs, vgs, lvs] = (["pv", "vg", "lv"] as const).map((kind) =>
    reader.parseWithFallback(lvmForms(kind)),
  );
  if (!vgs) return null;
  return { pvs: pvs?.pvs ?? [], vgs: vgs.vgs, lvs: lvs?.lvs ?? [], hasApproximateSizes: false };
}

function prettyName(osRelease: string | null): string | null {
  const match = osRelease?.match(/^PRETTY_NAME="?([^"\n]*)"?$/m);
  return match?.[1] ?? null;
}
