import { hash } from "node:crypto";
import type { DiscoveredNames, ProbeSection } from "@holmes/probes/commands";
import type { StableParts } from "./normalize";
import type { ParseProblem } from "./sections";

/**
 * What a host's poll leaves for its next one, kept by a long-running collector. Discovery and
 * most of a snapshot come from outputs that are the same poll after poll (lsblk, mdstat, mdadm,
 * mounts, LVM), and parsing them again was the largest part of a steady poll's work. A poll whose
 * outputs are byte for byte those of the last one reuses what they gave; any change reads all.
 */
export type PollMemory = {
  /** What discovery found: the next poll reads these devices' details in its first round trip. */
  devices: DiscoveredNames;
  /** Digest of the discovery sections (not the details), which `devices` was read from. */
  discoveryDigest: string | null;
  /** Digest of every stable section of the poll, which `stable` was read from. */
  stableDigest: string | null;
  /** Frozen: a later poll shares these rows, so nothing may change them in place. */
  stable: StableReading | null;
};

/** The stable parts of a snapshot and the parse problems met reading them. */
export type StableReading = { parts: StableParts; problems: readonly ParseProblem[] };

/** A memory of devices alone (no digests): the next poll reads them, and discovers afresh. */
export function expectingDevices(devices: DiscoveredNames): PollMemory {
  return { devices, discoveryDigest: null, stableDigest: null, stable: null };
}

/**
 * Sections read afresh by every poll: their output changes from one poll to the next (NFS
 * counters, new kernel messages) or they come on SMART's longer interval. Nothing in the stable
 * parts reads them, and the digests leave them out.
 */
const VOLATILE_SECTION = /^(mountstats|kernel-log|kernel-log-dmesg)(:|$)|^(smartctl|sfdisk-dump):/;

export function isVolatileSection(id: string): boolean {
  return VOLATILE_SECTION.test(id);
}

/** Each stable section's digest, by id: its output's hash, with how the command ended. */
export function sectionDigests(sections: readonly ProbeSection[]): Map<string, string> {
  const digests = new Map<string, string>();
  for (const section of sections) {
    if (isVolatileSection(section.id)) continue;
    const ending = `${section.exitCode}:${section.isMissing}:${section.missingTool}:${section.isTruncated}`;
    digests.set(section.id, `${ending}:${hash("sha256", section.output, "base64")}`);
  }
  return digests;
}

/**
 * One digest of the stable sections among `ids`, whatever their order or round trip: equal
 * digests mean equal input to everything read from them.
 */
export function combinedDigest(
  digests: ReadonlyMap<string, string>,
  ids: Iterable<string> = digests.keys(),
): string {
  const lines = [...ids].flatMap((id) => {
    const digest = digests.get(id);
    return digest === undefined ? [] : [`${id}\0${digest}\n`];
  });
  return hash("sha256", lines.sort().join(""), "base64");
}

/** Freezes a value and everything in it, so that sharing it between polls is safe. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  // A typed array with elements cannot be frozen (V8 throws); the snapshot holds none.
  if (ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
