import type { HostSnapshot } from "@holmes/db/queries/fleet-state";
import {
  type CommandInvocation,
  type DiscoveredNames,
  detailProbe,
  discoveryProbe,
  type ProbePlan,
  type ProbeSection,
  splitProbeOutput,
} from "@holmes/probes/commands";
import { type ProbeError, probeError, type SshConnectionPool } from "@holmes/probes/ssh";
import { detachStrings } from "./detach-strings";
import { buildSnapshot, discoveredNames, readStableParts } from "./normalize";
import {
  combinedDigest,
  deepFreeze,
  type PollMemory,
  type StableReading,
  sectionDigests,
} from "./poll-memory";
import { type ParseProblem, type PolledCommand, PollReader } from "./sections";

export type PollTarget = {
  name: string;
  address: string;
  port: number;
  username: string;
  privateKey: string;
  pinnedHostKey: string | null;
  useSudo: boolean;
  /** Kernel messages since this moment (the last successful poll); 0 on the first poll. */
  kernelLogSinceEpochSeconds: number;
  /** SMART runs on its own, longer interval, so most polls skip the per-disk reads. */
  isSmartDue: boolean;
  /** What this host's previous poll left (`memory` of its outcome), if this process kept it. */
  previous?: PollMemory;
};

export type PollTimeouts = {
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** The whole poll's budget, shared by connect and both round trips; none when absent. */
  pollTimeoutMs?: number;
};

export type PollOutcome =
  | {
      ok: true;
      snapshot: HostSnapshot;
      problems: ParseProblem[];
      rejected: Array<{ value: string; reason: string }>;
      sections: ProbeSection[];
      hostKeyFingerprint: string | null;
      /** What the next poll of the host starts from (its `previous`). */
      memory: PollMemory;
      /** Digests of the stable sections, by id (poll-memory.ts): the evidence vault's too. */
      sectionDigests: ReadonlyMap<string, string>;
      /** What this poll parsed of its sections, for the evidence vault's reading of them. */
      parsedBefore: PollReader["parsedBefore"];
    }
  | { ok: false; error: ProbeError; sections: ProbeSection[] };

/**
 * One poll of one host: composite round trips on the pooled connection (discovery with the details
 * of the devices expected, then the details of any others discovery found, by validated name),
 * parsed and normalized. Never throws for host-side trouble: an unreachable host, a changed key or
 * a hung command come back as `ok: false`.
 */
export async function pollHost(
  target: PollTarget,
  pool: SshConnectionPool,
  timeouts: PollTimeouts,
  observedAt: Date,
): Promise<PollOutcome> {
  const connection = {
    host: target.address,
    port: target.port,
    username: target.username,
    privateKey: target.privateKey,
    pinnedHostKey: target.pinnedHostKey,
    ...timeouts,
  };
  const budget = pollBudget(timeouts.pollTimeoutMs);
  const run = async (plan: ProbePlan) => {
    // Connect first (a no-op on a kept-open connection) so the command gets what is left after it.
    const connected = await pool.acquire({
      ...connection,
      connectTimeoutMs: Math.min(connection.connectTimeoutMs, budget.left()),
    });
    if (!connected.ok) return connected;
    if (budget.left() <= 0) return { ok: false as const, error: budget.spent(target.name) };
    const timeoutMs = Math.min(plan.timeoutMs, budget.left());
    const result = await pool.exec(connection, plan.command, { timeoutMs });
    if (!result.ok) return result;
    return { ...result, sections: splitProbeOutput(result.stdout) };
  };

  // Disks are read (SMART, partition table) on SMART's own interval only.
  const smartRead = (names: DiscoveredNames) =>
    target.isSmartDue ? names : { ...names, disks: [] };
  const options = { useSudo: target.useSudo };
  const { previous } = target;
  const discovery = discoveryProbe({
    ...options,
    kernelLogSinceEpochSeconds: target.kernelLogSinceEpochSeconds,
    expected: previous && smartRead(previous.devices),
  });
  const first = await run(discovery);
  if (!first.ok) return { ok: false, error: first.error, sections: [] };
  const reader = new PollReader(pairSections(discovery.discovery, first.sections));
  const digests = sectionDigests(first.sections);
  const discoveryDigest = combinedDigest(digests, discovery.discovery.flatMap(fallbackIds));
  const devices =
    previous && previous.discoveryDigest === discoveryDigest
      ? previous.devices
      : deepFreeze(detachStrings(discoveredNames(reader)));
  const read = new Set(first.sections.map((section) => section.id));
  const detail = detailProbe(smartRead(devices), options, read);
  const second = detail.invocations.length > 0 ? await run(detail) : null;
  if (second && !second.ok) return { ok: false, error: second.error, sections: first.sections };
  // An expected device that discovery no longer finds: its details were read, and are dropped.
  const used = new Set([...discovery.discovery, ...detail.details].flatMap(fallbackIds));
  const gone = new Set(discovery.invocations.flatMap(fallbackIds).filter((id) => !used.has(id)));
  const sections = [...first.sections, ...(second?.sections ?? [])].filter(
    (section) => !gone.has(section.id),
  );
  reader.add(pairSections(detail.details, sections));
  for (const [id, digest] of sectionDigests(second?.sections ?? [])) digests.set(id, digest);
  const stableDigest = combinedDigest(
    digests,
    sections.map((section) => section.id),
  );
  const remembered = previous?.stableDigest === stableDigest ? previous.stable : null;
  const stable = remembered ?? readStable(reader);
  // Detached: the write cache keeps the snapshot (as host state) long after the raw output.
  // The stable parts were detached when read, and are frozen: detachStrings passes them by.
  const snapshot = detachStrings(
    buildSnapshot(reader, observedAt, { isSmartDue: target.isSmartDue }, stable.parts),
  );
  // Reading the stable sections met their problems first; a remembered reading brings its own.
  const problems = remembered ? [...remembered.problems, ...reader.problems] : reader.problems;
  return {
    ok: true,
    snapshot,
    problems: detachStrings(problems),
    rejected: [...discovery.rejected, ...detail.rejected],
    sections,
    hostKeyFingerprint: second?.hostKeyFingerprint ?? first.hostKeyFingerprint,
    memory: { devices, discoveryDigest, stableDigest, stable },
    sectionDigests: digests,
    parsedBefore: (id, text, parser) => reader.parsedBefore(id, text, parser),
  };
}

/** The stable parts and their problems, detached and frozen: later polls may share them. */
function readStable(reader: PollReader): StableReading {
  const parts = readStableParts(reader);
  return deepFreeze(detachStrings({ parts, problems: [...reader.problems] }));
}

function fallbackIds(invocation: CommandInvocation): string[] {
  return invocation.fallback
    ? [invocation.id, ...fallbackIds(invocation.fallback)]
    : [invocation.id];
}

/**
 * A poll's deadline. Past it the collector that holds the poll's job may lose it (pg-boss expires
 * it) and another collector may start polling the host, so the poll must be over by then.
 */
function pollBudget(pollTimeoutMs: number | undefined) {
  const deadline = performance.now() + (pollTimeoutMs ?? Number.POSITIVE_INFINITY);
  return {
    left: () => Math.max(0, Math.floor(deadline - performance.now())),
    spent: (host: string) =>
      probeError("TIMEOUT", `${host}: the poll took longer than ${pollTimeoutMs} ms`),
  };
}

/** Each invocation with its section; a fallback that ran reports under the fallback's own id. */
function pairSections(
  invocations: readonly CommandInvocation[],
  sections: readonly ProbeSection[],
): PolledCommand[] {
  const byId = new Map(sections.map((section) => [section.id, section]));
  return invocations.flatMap((invocation) => {
    const pairs: PolledCommand[] = [{ invocation, section: byId.get(invocation.id) }];
    if (invocation.fallback && byId.has(invocation.fallback.id)) {
      pairs.push({ invocation: invocation.fallback, section: byId.get(invocation.fallback.id) });
    }
    return pairs;
  });
}
