import type {
  EvidenceMdArray,
  EvidenceMdMember,
  MdadmDetail,
  MdadmExamine,
  MdstatArray,
} from "@holmes/core";
import type { BlockIdentity } from "./block-index";

/**
 * How far a member's event count may trail the array's newest before it counts as stale. The
 * members are examined one after another, and a busy array marks its superblocks dirty and clean
 * again in between (each transition is one event); a member md has kicked out lags by far more.
 */
export const EVENTS_TOLERANCE = 2;

export type MdMapInputs = {
  array: MdstatArray;
  detail: MdadmDetail | null;
  /** `mdadm --examine` of each member by kernel name (sdb2), null where it printed nothing. */
  examineOf: (device: string) => MdadmExamine | null;
  identityOf: (device: string) => BlockIdentity | null;
};

/**
 * The md map of one array: what each member's own superblock says (slot, events, update time,
 * data offset) next to the disk it sits on, by serial and WWN. `mdadm --examine` is the truth
 * for a member's slot; `mdadm --detail` fills in where a member printed no superblock.
 */
export function buildMdArrayMap(inputs: MdMapInputs): EvidenceMdArray {
  const { array, detail } = inputs;
  const examines = array.members.map((m) => inputs.examineOf(m.device));
  const first = examines.find((e) => e !== null) ?? null;
  const members = array.members.map((member, index) =>
    toMember(member.device, examines[index] ?? null, inputs, {
      isFaulty: member.faulty,
      isSpare: member.spare,
    }),
  );
  return {
    uuid: detail?.uuid ?? first?.arrayUuid ?? null,
    name: array.name,
    device: `/dev/${array.name}`,
    level: detail?.raidLevel ?? array.level ?? first?.raidLevel ?? null,
    layout: detail?.layout ?? first?.layout ?? null,
    chunkKb: detail?.chunkSizeKb ?? array.chunkKb ?? first?.chunkSizeKb ?? null,
    raidDevices: detail?.raidDevices ?? array.raidDisks ?? first?.raidDevices ?? null,
    superblock: detail?.version ?? array.superVersion ?? first?.version ?? null,
    creationTime: detail?.creationTime ?? first?.creationTime ?? null,
    members: markStale(members).sort(bySlot),
  };
}

function toMember(
  device: string,
  examine: MdadmExamine | null,
  inputs: MdMapInputs,
  mdstat: { isFaulty: boolean; isSpare: boolean },
): EvidenceMdMember {
  const path = `/dev/${device}`;
  const row = inputs.detail?.devices.find((d) => d.device === path) ?? null;
  const identity = inputs.identityOf(device);
  const role = examine?.deviceRole ?? null;
  const slot =
    typeof role === "number" ? role : (examine?.deviceRoleSlot ?? row?.raidDevice ?? null);
  return {
    slot: role === "spare" ? null : slot,
    role: roleOf(role, row?.stateFlags ?? [], mdstat),
    device: path,
    disk: identity?.disk ?? null,
    serial: identity?.serial ?? null,
    wwn: identity?.wwn ?? null,
    events: examine?.events ?? null,
    updateTime: examine?.updateTime ?? null,
    superblock: examine?.version ?? null,
    dataOffsetSectors: examine?.dataOffsetSectors ?? null,
    deviceUuid: examine?.deviceUuid ?? null,
    isBehind: false,
  };
}

function roleOf(
  role: MdadmExamine["deviceRole"],
  flags: readonly string[],
  mdstat: { isFaulty: boolean; isSpare: boolean },
): string | null {
  if (mdstat.isFaulty || flags.includes("faulty")) return "faulty";
  if (flags.includes("rebuilding")) return "rebuilding";
  if (typeof role === "number") return "active";
  if (role !== null) return role;
  if (mdstat.isSpare || flags.includes("spare")) return "spare";
  return flags.length > 0 ? "active" : null;
}

function markStale(members: EvidenceMdMember[]): EvidenceMdMember[] {
  const counts = members.flatMap((m) => (m.events === null ? [] : [m.events]));
  const newest = counts.length > 0 ? Math.max(...counts) : null;
  return members.map((m) => ({
    ...m,
    isBehind: newest !== null && m.events !== null && newest - m.events > EVENTS_TOLERANCE,
  }));
}

function bySlot(a: EvidenceMdMember, b: EvidenceMdMember): number {
  const slotA = a.slot ?? Number.MAX_SAFE_INTEGER;
  const slotB = b.slot ?? Number.MAX_SAFE_INTEGER;
  return slotA - slotB || a.device.localeCompare(b.device);
}

/** The map as stored: stable JSON, one array per item. */
export function renderMdArrayMap(map: EvidenceMdArray): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}

/** The map without what changes on every write (events, update time): what "changed" compares. */
export function mdMapFingerprintText(map: EvidenceMdArray): string {
  return JSON.stringify({
    ...map,
    members: map.members.map((m) => ({ ...m, events: null, updateTime: null })),
  });
}
