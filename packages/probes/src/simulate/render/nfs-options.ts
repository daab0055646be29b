/**
 * NFS mount options as the kernel prints them (fs/nfs/super.c nfs_show_mount_options). In
 * /proc/self/mountinfo defaults are left out and `addr=` comes last; mountstats' `opts:` line
 * shows the attribute-cache defaults and no `addr=`. Since 2.6.25 the kernel ignores `intr` and
 * no longer prints it; 2.6.18 printed `,soft`/`,hard` then `,intr`.
 */
import type { NfsMount } from "../model";

const MOUNTD_PORT = 20048;

export function isLegacyKernel(kernel: string): boolean {
  return kernel.startsWith("2.6.18");
}

/** The superblock options field of mountinfo (and the options of /proc/mounts). */
export function mountinfoNfsOptions(nfs: NfsMount, kernel: string): string {
  if (isLegacyKernel(kernel)) return `${legacyOptions(nfs)},addr=${nfs.serverAddr}`;
  return `${modernOptions(nfs, false)},addr=${nfs.serverAddr}`;
}

export function mountstatsNfsOptions(nfs: NfsMount, kernel: string): string {
  if (isLegacyKernel(kernel)) return `${legacyOptions(nfs)},addr=${nfs.serverAddr}`;
  return modernOptions(nfs, true);
}

function modernOptions(nfs: NfsMount, showDefaults: boolean): string {
  const parts = [
    "rw",
    `vers=${nfs.vers}`,
    `rsize=${nfs.rsize}`,
    `wsize=${nfs.wsize}`,
    "namlen=255",
  ];
  if (showDefaults) parts.push("acregmin=3", "acregmax=60", "acdirmin=30", "acdirmax=60");
  parts.push(
    nfs.isSoft ? "soft" : "hard",
    "proto=tcp",
    `timeo=${nfs.timeo}`,
    `retrans=${nfs.retrans}`,
    "sec=sys",
  );
  if (nfs.vers === "3") {
    parts.push(
      `mountaddr=${nfs.serverAddr}`,
      "mountvers=3",
      `mountport=${MOUNTD_PORT}`,
      "mountproto=udp",
    );
  } else {
    parts.push(`clientaddr=${nfs.clientAddr}`);
  }
  parts.push("local_lock=none");
  return parts.join(",");
}

function legacyOptions(nfs: NfsMount): string {
  const parts = ["rw", `vers=${nfs.vers}`, `rsize=${nfs.rsize}`, `wsize=${nfs.wsize}`];
  parts.push(nfs.isSoft ? "soft" : "hard");
  if (nfs.isIntr) parts.push("intr");
  parts.push("proto=tcp", `timeo=${nfs.timeo}`, `retrans=${nfs.retrans}`, "sec=sys");
  return parts.join(",");
}
