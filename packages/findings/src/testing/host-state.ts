import type { CollectionState, FindingDraft, HostState } from "@holmes/core";
import type { Rule } from "../rule";
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from "../settings";
import { NOW } from "./time";

/**
 * Builders for rule tests. Every default is a healthy host, so a test states only the one fact
 * that should (or should not) make a rule speak. The object builders live in disk-state.ts and
 * storage-state.ts; this module is the one tests import.
 */

export * from "./disk-state";
export * from "./evidence-state";
export * from "./storage-state";
export * from "./time";

export type HostStateOverrides = Partial<Omit<HostState, "host" | "collection">> & {
  host?: Partial<HostState["host"]>;
  collection?: Partial<CollectionState>;
};

export function hostState(overrides: HostStateOverrides = {}): HostState {
  const now = overrides.now ?? NOW;
  const pollIntervalMs = overrides.pollIntervalMs ?? 60_000;
  return {
    now,
    pollIntervalMs,
    arrays: [],
    disks: [],
    mounts: [],
    loopDevices: [],
    kernelEvents: [],
    slotChanges: [],
    evidenceAlerts: [],
    ...overrides,
    host: {
      id: "00000000-0000-4000-8000-000000000001",
      name: "db1",
      kernelRelease: "5.15.0-91-generic",
      osName: "Ubuntu 22.04.3 LTS",
      ...overrides.host,
    },
    collection: {
      state: "ok",
      lastSuccessAt: new Date(now.getTime() - pollIntervalMs / 2),
      lastErrorCode: null,
      lastErrorMessage: null,
      consecutiveFailures: 0,
      missingTools: [],
      pinnedHostKey: "SHA256:pinnedpinnedpinned",
      presentedHostKey: null,
      parseErrors: [],
      ...overrides.collection,
    },
  };
}

/** One rule's drafts for a state, with the default settings unless told otherwise. */
export function run(
  rule: Rule,
  state: HostState,
  settings: Partial<FindingSettings> = {},
): FindingDraft[] {
  return rule.evaluate(state, { ...DEFAULT_FINDING_SETTINGS, ...settings });
}

/** The one draft a rule returned; fails loudly (with what it did return) when not exactly one. */
export function single(drafts: FindingDraft[]): FindingDraft {
  const [first, ...rest] = drafts;
  if (!first || rest.length > 0) {
    const summary = drafts.map((d) => `${d.ruleId} ${d.objectName}: ${d.title}`).join("\n");
    throw new Error(`expected exactly one finding, got ${drafts.length}\n${summary}`);
  }
  return first;
}
