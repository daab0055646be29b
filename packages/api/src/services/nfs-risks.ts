import type { MountDetail } from "@holmes/db/queries/host-detail";

export type MountRisk = {
  /** The option or condition as it appears on the host ("soft", "intr", "(deleted)"). */
  option: string;
  /** As the findings engine rates the same condition (nfs.soft_rw, nfs.intr, nfs.deleted). */
  severity: "critical" | "warning" | "info";
  /** Why it matters and what to do, in plain words. */
  explanation: string;
};

/**
 * Mount options that look harmless in fstab and are not. The same conditions the findings engine
 * flags, restated beside the options themselves so the page can highlight them in place.
 */
export function mountRisks(mount: MountDetail): MountRisk[] {
  const risks: MountRisk[] = [];
  const nfs = mount.nfs;
  if (nfs?.soft && nfs.readOnly !== true) {
    risks.push({
      option: "soft",
      severity: "warning",
      explanation:
        "soft on a read-write mount: when the server stalls, writes give up after the retries " +
        "and return an I/O error that many programs ignore, so data can be silently lost or " +
        "corrupted. Mount it hard.",
    });
  }
  if (nfs?.intr) {
    risks.push({
      option: "intr",
      severity: "info",
      explanation:
        "intr has been ignored since Linux 2.6.25 (a hung NFS call can always be killed with " +
        "SIGKILL). It promises an interruptibility it does not give, and usually marks options " +
        "copied from old documentation: review the rest of the line.",
    });
  }
  if (mount.isDeleted) {
    risks.push({
      option: "(deleted)",
      severity: "warning",
      explanation:
        "The kernel marks this mount \\040(deleted): its mount point or source no longer exists. " +
        "Processes may still hold it; unmount it once they are gone.",
    });
  }
  return risks;
}
