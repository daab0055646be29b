import { createHash } from "node:crypto";
import type { ProbeSection } from "@holmes/probes/commands";

/** The sections evidence items are built from (and the ones that decide what counts as gone). */
const EVIDENCE_SECTION =
  /^(mdstat|lsblk|vgs|fstab|mdadm-conf(-debian)?|mdadm-detail-scan)$|^(mdadm-detail|mdadm-examine|lvm-backup|sfdisk-dump):/;

/**
 * One hash over every raw output evidence is built from, with its id and exit status: when it
 * equals the previous poll's, no item can have changed, and building them can be skipped.
 */
export function evidenceRawHash(sections: readonly ProbeSection[]): string {
  const hash = createHash("sha256");
  for (const section of sections) {
    if (!EVIDENCE_SECTION.test(section.id)) continue;
    const status = `${section.exitCode}:${section.isMissing}:${section.isTruncated}`;
    hash.update(`\0${section.id}\0${status}\0`).update(section.output, "utf8");
  }
  return hash.digest("hex");
}
