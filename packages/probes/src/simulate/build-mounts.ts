/**
 * The mount table of a host: pseudo filesystems systemd mounts at boot, local filesystems, NFS
 * mounts and loop-backed images. Ids, parents and `shared:N` peers follow mount order, as in
 * /proc/self/mountinfo; a mount's parent is the deepest earlier mount containing its target.
 */
import type { FstabEntry, MountModel, NfsMount } from "./model";

type PseudoMount = [string, string, string, string, string];

const PSEUDO: ReadonlyArray<PseudoMount> = [
  // [target, fstype, source, per-mount options, superblock options]
  ["/sys", "sysfs", "sysfs", "rw,nosuid,nodev,noexec,relatime", "rw"],
  ["/proc", "proc", "proc", "rw,nosuid,nodev,noexec,relatime", "rw"],
  [
    "/dev",
    "devtmpfs",
    "udev",
    "rw,nosuid,relatime",
    "rw,size=16372148k,nr_inodes=4093037,mode=755",
  ],
  ["/dev/pts", "devpts", "devpts", "rw,nosuid,noexec,relatime", "rw,gid=5,mode=620,ptmxmode=000"],
  ["/run", "tmpfs", "tmpfs", "rw,nosuid,nodev,noexec,relatime", "rw,size=3278452k,mode=755"],
  ["/dev/shm", "tmpfs", "tmpfs", "rw,nosuid,nodev", "rw"],
  ["/sys/fs/cgroup", "cgroup2", "cgroup2", "rw,nosuid,nodev,noexec,relatime", "rw,nsdelegate"],
];

/** RHEL 5 (2.6.18, no systemd): no devtmpfs, /run or cgroup2; sunrpc's pipefs for NFS. */
const LEGACY_PSEUDO: ReadonlyArray<PseudoMount> = [
  ["/proc", "proc", "proc", "rw", "rw"],
  ["/sys", "sysfs", "sysfs", "rw", "rw"],
  ["/dev/pts", "devpts", "devpts", "rw", "rw,gid=5,mode=620"],
  ["/dev/shm", "tmpfs", "tmpfs", "rw", "rw"],
  ["/proc/sys/fs/binfmt_misc", "binfmt_misc", "none", "rw", "rw"],
  ["/var/lib/nfs/rpc_pipefs", "rpc_pipefs", "sunrpc", "rw", "rw"],
];

export type MountEntryPlan = Omit<MountModel, "id" | "parentId" | "propagation" | "nfs">;

export type MountTable = {
  mounts: MountModel[];
  fstab: FstabEntry[];
  add: (entry: MountEntryPlan) => MountModel;
  addNfs: (target: string, nfs: NfsMount, fstabOptions: string) => MountModel;
};

export function createMountTable(
  root: { source: string; majMin: string; fstype: string },
  isLegacy = false,
): MountTable {
  const mounts: MountModel[] = [];
  const fstab: FstabEntry[] = [];
  const add = (entry: MountEntryPlan) => addMount(mounts, entry);
  const addNfs = (target: string, nfs: NfsMount, fstabOptions: string) => {
    const mount = addNfsMount(mounts, target, nfs);
    fstab.push({ spec: mount.source, file: target, vfstype: mount.fstype, options: fstabOptions });
    return mount;
  };
  const superOptions = superOptionsFor(root.fstype);
  add({ ...root, root: "/", target: "/", options: "rw,relatime", superOptions });
  (isLegacy ? LEGACY_PSEUDO : PSEUDO).forEach(
    ([target, fstype, source, options, superOptions], i) => {
      add({ source, target, fstype, options, superOptions, root: "/", majMin: `0:${21 + i}` });
    },
  );
  return { mounts, fstab, add, addNfs };
}

function addMount(mounts: MountModel[], entry: MountEntryPlan): MountModel {
  const parent = deepestParent(mounts, entry.target);
  // Listed field by field: a spread here made every mount a slow dictionary-mode object.
  const mount: MountModel = {
    id: 21 + mounts.length,
    parentId: parent?.id ?? 1,
    majMin: entry.majMin,
    root: entry.root,
    target: entry.target,
    fstype: entry.fstype,
    source: entry.source,
    options: entry.options,
    superOptions: entry.superOptions,
    propagation: `shared:${mounts.length + 1}`,
    nfs: null,
  };
  mounts.push(mount);
  return mount;
}

/** NFS mounts get an anonymous device number; their options are rendered from `nfs`. */
function addNfsMount(mounts: MountModel[], target: string, nfs: NfsMount): MountModel {
  const mount = addMount(mounts, {
    source: `${nfs.server}:${nfs.exportPath}`,
    target,
    fstype: nfs.vers === "3" ? "nfs" : "nfs4",
    root: "/",
    majMin: `0:${40 + mounts.length}`,
    options: "rw,relatime",
    superOptions: "",
  });
  mount.nfs = nfs;
  return mount;
}

function deepestParent(mounts: readonly MountModel[], target: string): MountModel | null {
  let best: MountModel | null = null;
  for (const mount of mounts) {
    const prefix = mount.target === "/" ? "/" : `${mount.target}/`;
    if (target !== mount.target && target.startsWith(prefix)) {
      if (best === null || mount.target.length > best.target.length) best = mount;
    }
  }
  return best;
}

/** What the kernel shows as superblock options for a freshly mounted filesystem. */
export function superOptionsFor(fstype: string): string {
  switch (fstype) {
    case "xfs":
      return "rw,attr2,inode64,logbufs=8,logbsize=32k,noquota";
    case "ext4":
      return "rw";
    default:
      return "rw";
  }
}
