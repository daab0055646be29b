import { createHash, type Hash } from "node:crypto";
import type { ProbeSection } from "@holmes/probes/commands";
import { combinedDigest, sectionDigests } from "../poll/poll-memory";

/** The sections evidence items are built from (and the ones that decide what counts as gone). */
const EVIDENCE_SECTION =
  /^(mdstat|lsblk|vgs|fstab|mdadm-conf(-debian)?|mdadm-detail-scan)$|^(mdadm-detail|mdadm-examine|lvm-backup):/;
/** Partition tables are read with SMART, on its longer interval: most polls have none. */
const PARTITION_SECTION = /^sfdisk-dump:/;

export type EvidenceRawHashes = {
  /** Every evidence section but the partition tables. */
  base: string;
  /** The partition tables; null when this poll read none. */
  partitions: string | null;
};

/**
 * Hashes of every raw output evidence is built from, with its id and exit status. When both equal
 * those of the polls before, no item can have changed, and building them can be skipped. A poll
 * without partition tables leaves theirs as they were (their items are not judged then), so its
 * `partitions` is null rather than a hash of nothing. `digests` are the poll's own digests of its
 * stable sections (poll-memory.ts), which the evidence sections are: given, they are not hashed
 * twice.
 */
export function evidenceRawHashes(
  sections: readonly ProbeSection[],
  digests: ReadonlyMap<string, string> = sectionDigests(sections),
): EvidenceRawHashes {
  const baseIds: string[] = [];
  let partitions: Hash | null = null;
  for (const section of sections) {
    if (PARTITION_SECTION.test(section.id)) {
      partitions ??= createHash("sha256");
      update(partitions, section);
    } else if (EVIDENCE_SECTION.test(section.id)) {
      baseIds.push(section.id);
    }
  }
  return {
    base: combinedDigest(digests, baseIds),
    partitions: partitions?.digest("hex") ?? null,
  };
}

function update(hash: Hash, section: ProbeSection): void {
  const status = `${section.exitCode}:${section.isMissing}:${section.isTruncated}`;
  hash.update(`\0${section.id}\0${status}\0`).update(section.output, "utf8");
}
