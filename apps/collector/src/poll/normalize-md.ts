import type { MdadmDetail, MdstatArray } from "@holmes/core";
import type { HostSnapshot } from "@holmes/db/queries/fleet-state";

type ArrayRow = HostSnapshot["arrays"][number];
type MemberRow = HostSnapshot["members"][number];

/** mdstat is the truth for state and progress; `mdadm --detail` adds the UUID and member roles. */
export function toArrayRow(array: MdstatArray, detail: MdadmDetail | null): ArrayRow {
  return {
    name: array.name,
    uuid: detail?.uuid ?? null,
    level: array.level,
    state: array.state,
    readOnly: array.readOnly || array.autoReadOnly,
    degraded: array.degraded,
    raidDisks: array.raidDisks,
    activeDisks: array.activeDisks,
    statusString: array.statusString,
    layout: detail?.layout ?? describeLayout(array),
    chunkKb: array.chunkKb,
    superVersion: array.superVersion ?? detail?.version ?? null,
    syncAction: array.sync?.action ?? null,
    syncPercent: array.sync?.percent ?? null,
    syncSpeedKbps: array.sync?.speedKBps ?? null,
    syncFinishMinutes: array.sync?.finishMinutes ?? null,
  };
}

function describeLayout(array: MdstatArray): string | null {
  const layout = array.layout;
  if (!layout) return array.algorithm !== null ? `algorithm ${array.algorithm}` : null;
  const parts = [
    layout.nearCopies ? `near=${layout.nearCopies}` : null,
    layout.farCopies ? `far=${layout.farCopies}` : null,
    layout.offsetCopies ? `offset=${layout.offsetCopies}` : null,
  ];
  return parts.filter(Boolean).join(",") || null;
}

/**
 * Members with their role from `mdadm --detail` (the RaidDevice column is the slot that mirror
 * pairs are computed from) and the serial of the disk underneath, via the block tree.
 */
export function toMemberRows(
  array: MdstatArray,
  detail: MdadmDetail | null,
  serialOfDevice: (device: string) => string | null,
): MemberRow[] {
  return array.members.map((member) => {
    const row = detail?.devices.find((d) => d.device === `/dev/${member.device}`);
    return {
      arrayName: array.name,
      device: member.device,
      slot: row?.raidDevice ?? (member.spare ? null : member.slot),
      role: row ? roleOf(row.stateFlags, row.raidDevice) : member.spare ? "spare" : null,
      stateFlags: row?.stateFlags ?? [],
      isFaulty: member.faulty || Boolean(row?.stateFlags.includes("faulty")),
      isSpare: member.spare || Boolean(row?.stateFlags.includes("spare")),
      diskSerial: serialOfDevice(member.device),
    };
  });
}

function roleOf(flags: readonly string[], raidDevice: number | null): string {
  if (flags.includes("faulty")) return "faulty";
  if (flags.includes("rebuilding")) return "rebuilding";
  if (flags.includes("spare")) return "spare";
  return raidDevice === null ? "unknown" : "active";
}
