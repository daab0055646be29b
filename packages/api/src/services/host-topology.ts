import type { HostDetail } from "@holmes/db/queries/host-detail";

export type TopologyKind =
  | "disk"
  | "partition"
  | "md"
  | "pv"
  | "lv"
  | "mount"
  | "loop"
  | "file"
  | "nfs";

/**
 * One block of the storage stack. `from` lists what it is built from (an md array's members, a
 * loop device's backing file); `children` what is built on it (PV → LV → filesystem). Drawn as
 * an indented tree, the page reads disk → partition → md → PV/VG/LV → mount left to right.
 */
export type TopologyNode = {
  id: string;
  kind: TopologyKind;
  label: string;
  detail: string | null;
  /** Something here needs attention; the page says so in words, not only in colour. */
  problem: string | null;
  from: TopologyNode[];
  children: TopologyNode[];
};

type Input = Pick<HostDetail, "arrays" | "disks" | "mounts" | "loopDevices" | "volumeGroups">;

const node = (
  id: string,
  kind: TopologyKind,
  label: string,
  rest: Partial<Omit<TopologyNode, "id" | "kind" | "label">> = {},
): TopologyNode => ({
  id,
  kind,
  label,
  detail: null,
  problem: null,
  from: [],
  children: [],
  ...rest,
});

/** The host's storage stacks: md arrays, loop devices, then disks and NFS mounts used directly. */
export function buildTopology(input: Input): TopologyNode[] {
  const consumersOf = consumers(input);
  const usedDisks = new Set<string>();
  const arrays = input.arrays.map((array) => {
    const members = array.members.map((member) => {
      if (member.disk) usedDisks.add(member.disk.name);
      const disk = member.disk
        ? [
            node(`disk:${member.disk.name}`, "disk", member.disk.name, {
              detail: [member.disk.model, member.diskSerial].filter(Boolean).join(" · ") || null,
            }),
          ]
        : [];
      const problem = member.isFaulty
        ? "faulty"
        : member.role === "rebuilding"
          ? "rebuilding"
          : null;
      return node(`part:${member.device}`, "partition", member.device, {
        // A spare being rebuilt into a slot already owns that slot.
        detail: member.slot !== null ? `slot ${member.slot}` : member.isSpare ? "spare" : null,
        problem,
        from: disk,
      });
    });
    const sync = array.syncAction ? `${array.syncAction} ${array.syncPercent ?? 0}%` : null;
    return node(`md:${array.name}`, "md", array.name, {
      detail: [array.level, array.state, sync].filter(Boolean).join(" · "),
      problem: array.degraded ? "degraded" : array.state !== "active" ? array.state : null,
      from: members,
      children: consumersOf(`/dev/${array.name}`),
    });
  });
  const loops = input.loopDevices.map((loop) => {
    const backing = loop.backingMount;
    const file = node(`file:${loop.backFile}`, "file", loop.backFile ?? "(no backing file)", {
      problem: loop.isBackFileDeleted ? "backing file deleted" : null,
      from: backing
        ? [
            node(`mount:${backing.mountPoint}`, loop.isOnNfs ? "nfs" : "mount", backing.source, {
              detail: `${backing.mountPoint} (${backing.fstype})`,
              problem: loop.isOnNfs ? "on NFS" : null,
            }),
          ]
        : [],
    });
    return node(`loop:${loop.name}`, "loop", loop.name, {
      detail: loop.isReadOnly ? "read-only" : null,
      from: [file],
      children: consumersOf(`/dev/${loop.name}`),
    });
  });
  const disks = input.disks
    .filter((disk) => !usedDisks.has(disk.name))
    .map((disk) =>
      node(`disk:${disk.name}`, "disk", disk.name, {
        detail: [disk.model, disk.serial].filter(Boolean).join(" · ") || null,
        children: [
          ...consumersOf(`/dev/${disk.name}`),
          ...partitionsOf(input, disk.name, consumersOf),
        ],
      }),
    );
  const nfs = input.mounts
    .filter(
      (m) => m.nfs && !input.loopDevices.some((l) => l.backingMount?.mountPoint === m.mountPoint),
    )
    .map((m) =>
      node(`mount:${m.mountPoint}`, "nfs", m.source, { detail: `${m.mountPoint} (${m.fstype})` }),
    );
  return [...arrays, ...loops, ...disks, ...nfs];
}

/** Partitions of an unmirrored disk that carry something (a mount or a PV). */
function partitionsOf(input: Input, disk: string, consumersOf: (path: string) => TopologyNode[]) {
  const pattern = new RegExp(`^/dev/${disk}p?\\d+$`);
  const paths = new Set([
    ...input.mounts.map((m) => m.source).filter((s) => pattern.test(s)),
    ...input.volumeGroups
      .flatMap((vg) => vg.physicalVolumes.map((pv) => pv.name))
      .filter((p) => pattern.test(p)),
  ]);
  return [...paths]
    .sort()
    .map((path) =>
      node(`part:${path}`, "partition", path.replace("/dev/", ""), { children: consumersOf(path) }),
    );
}

/** What sits directly on a block device: a filesystem mount, or an LVM PV with its VG's LVs. */
function consumers(input: Input) {
  const mountsOn = (paths: string[]) =>
    input.mounts
      .filter((m) => paths.includes(m.source))
      .map((m) => node(`mount:${m.mountPoint}`, "mount", m.mountPoint, { detail: m.fstype }));
  return (path: string): TopologyNode[] => [
    ...mountsOn([path]),
    ...input.volumeGroups.flatMap((vg) =>
      vg.physicalVolumes
        .filter((pv) => pv.name === path)
        .map((pv) =>
          node(`pv:${pv.name}`, "pv", `PV ${pv.name}`, {
            detail: `VG ${vg.name}`,
            problem: pv.isMissing ? "missing" : null,
            children: vg.logicalVolumes
              .filter((lv) => !lv.isHidden)
              .map((lv) =>
                node(`lv:${vg.name}/${lv.name}`, "lv", `${vg.name}/${lv.name}`, {
                  detail: lv.segtype,
                  problem: lv.health,
                  children: mountsOn(lvPaths(vg.name, lv.name)),
                }),
              ),
          }),
        ),
    ),
  ];
}

/** The names an LV's filesystem may be mounted by: device-mapper doubles dashes in names. */
function lvPaths(vg: string, lv: string): string[] {
  const dm = (name: string) => name.replaceAll("-", "--");
  return [`/dev/mapper/${dm(vg)}-${dm(lv)}`, `/dev/${vg}/${lv}`];
}
