import type { CheckProbe } from "../types";

/**
 * `mdadm --examine` of a device that has no md superblock does not print a superblock, and the
 * probes parser (rightly, for evidence) rejects what it prints instead. A `superblock` check is
 * asking exactly that question, so the two answers mdadm gives are recognised here, strictly,
 * line by line; anything else goes to the parser and fails closed if it does not parse.
 *
 * - `mdadm: No md superblock detected on /dev/sdd1.` (stderr, folded into the output; exit 1)
 * - a whole disk with a partition table: mdadm's `mbr`/`gpt` pseudo-metadata (super-mbr.c,
 *   super-gpt.c) prints the table, exit 0. A GPT disk usually shows its protective MBR (type ee):
 *
 *       /dev/sdd:
 *          MBR Magic : aa55
 *       Partition[0] :   3907029167 sectors at            1 (type ee)
 */

/** What `evaluateExpectation` receives for `mdadm-examine` when there is no md superblock. */
export type NoMdSuperblock = {
  mdSuperblock: false;
  /** The examined device when mdadm named it. */
  device: string | null;
  /** The partition table mdadm found on the device instead, if any. */
  partitionTable: "mbr" | "gpt" | null;
  partitions: number;
};

const NO_SUPERBLOCK = /^mdadm: No md superblock detected on (\S+)\.$/;
const HEADING = /^(\/dev\/\S+):$/;
const MBR_MAGIC = /^MBR Magic : [0-9a-f]{4}$/;
const MBR_PARTITION = /^Partition\[[0-3]\] :\s+\d+ sectors at\s+\d+ \(type [0-9a-f]{2}\)$/;
const GPT_MAGIC = /^GPT Magic : [0-9a-f]{1,16}$/;
const GPT_REVISION = /^GPT Revision : \d+$/;
const GPT_PARTITION = /^Partition\[\d{2,3}\] :\s+\d+ sectors at\s+\d+$/;

/**
 * The `NoMdSuperblock` value for mdadm's raw `--examine` output when it says there is no md
 * superblock (see above), otherwise null: parse the output with `parseMdadmExamine` then.
 */
export function mdadmExamineWithoutSuperblock(rawOutput: string): NoMdSuperblock | null {
  const lines = rawOutput
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const [first, second, third, ...rest] = lines;
  if (first === undefined) return null;
  const missing = NO_SUPERBLOCK.exec(first);
  if (missing && lines.length === 1) {
    return { mdSuperblock: false, device: missing[1] ?? null, partitionTable: null, partitions: 0 };
  }
  const device = HEADING.exec(first)?.[1];
  if (device === undefined || second === undefined) return null;
  if (MBR_MAGIC.test(second)) {
    const partitions = lines.slice(2);
    return partitions.length <= 4 && partitions.every((line) => MBR_PARTITION.test(line))
      ? { mdSuperblock: false, device, partitionTable: "mbr", partitions: partitions.length }
      : null;
  }
  if (GPT_MAGIC.test(second) && third !== undefined && GPT_REVISION.test(third)) {
    return rest.every((line) => GPT_PARTITION.test(line))
      ? { mdSuperblock: false, device, partitionTable: "gpt", partitions: rest.length }
      : null;
  }
  return null;
}

/** A value `mdadmExamineWithoutSuperblock` produced (or one of the same shape, from storage). */
export function isNoMdSuperblock(value: unknown): value is NoMdSuperblock {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.mdSuperblock === false &&
    (candidate.device === null || typeof candidate.device === "string") &&
    (candidate.partitionTable === null ||
      candidate.partitionTable === "mbr" ||
      candidate.partitionTable === "gpt") &&
    typeof candidate.partitions === "number" &&
    Number.isInteger(candidate.partitions) &&
    candidate.partitions >= 0
  );
}

/**
 * Output a probe's parser rejects by design but the check's expectation understands. Call it
 * with the command's raw output before the parser: when it returns `{ value }`, hand `value` to
 * `evaluateExpectation` (and keep the raw output for `previous` as usual); when null, parse.
 * Today only `mdadm-examine` has such output (a device without an md superblock).
 */
export function checkOutputWithoutParser(
  probe: CheckProbe,
  rawOutput: string,
): { value: unknown } | null {
  if (probe !== "mdadm-examine") return null;
  const none = mdadmExamineWithoutSuperblock(rawOutput);
  return none === null ? null : { value: none };
}
