import type { FindingDraft } from "@holmes/core";
import { draftFor, formatMinutes, type Rule } from "../rule";

const UNREACHABLE_STATES: Record<string, string> = {
  unreachable: "cannot be reached over SSH",
  timeout: "did not answer in time",
  auth_failed: "refused Holmes's SSH key",
  failed: "could not be polled",
};

export const hostUnreachable: Rule = {
  id: "collection.unreachable",
  summary: "The host cannot be polled",
  runbookId: null,
  evaluate: (state): FindingDraft[] => {
    const words = UNREACHABLE_STATES[state.collection.state];
    if (!words) return [];
    return [
      draftFor(hostUnreachable, {
        severity: state.collection.state === "auth_failed" ? "warning" : "critical",
        objectKind: "host",
        objectName: state.host.name,
        title: `${state.host.name} ${words}`,
        explanation:
          "Holmes has no current view of this host's storage: what it shows is the last report. The host may be down, or the network or its SSH service may be. Holmes retries with backoff.",
        values: {
          error: state.collection.lastErrorCode,
          message: state.collection.lastErrorMessage,
          consecutiveFailures: state.collection.consecutiveFailures,
        },
      }),
    ];
  },
};

export const hostKeyChanged: Rule = {
  id: "collection.host_key_changed",
  summary: "The host presented a different SSH host key",
  runbookId: null,
  evaluate: (state): FindingDraft[] => {
    const { pinnedHostKey, presentedHostKey } = state.collection;
    // The collector stores the presented key only on a mismatch and clears it on acceptance; the
    // state is read too, as the fleet page does, so either record alone still raises the finding.
    const isChanged =
      state.collection.state === "host_key_changed" ||
      (presentedHostKey !== null && presentedHostKey !== pinnedHostKey);
    if (!isChanged) return [];
    return [
      draftFor(hostKeyChanged, {
        severity: "critical",
        objectKind: "host",
        objectName: state.host.name,
        title: `${state.host.name}: SSH host key changed`,
        explanation:
          "The host answered with a key other than the one pinned on first use, so Holmes runs no command there. After a reinstall this is expected; otherwise something else may be answering at this address. An admin compares the fingerprints and accepts the new key.",
        values: { pinned: pinnedHostKey, presented: presentedHostKey },
      }),
    ];
  },
};

export const toolMissing: Rule = {
  id: "collection.tool_missing",
  summary: "A tool Holmes reads with is not installed on the host",
  runbookId: null,
  evaluate: (state) =>
    state.collection.missingTools.map((tool) =>
      draftFor(toolMissing, {
        severity: "info",
        objectKind: "host",
        objectName: `${state.host.name}/${tool}`,
        title: `${tool} is not installed on ${state.host.name}`,
        explanation: `Holmes cannot read what ${tool} reports on this host, so that part of its state is missing (not healthy). Install it, or accept the gap.`,
        values: { tool },
      }),
    ),
};

export const parseError: Rule = {
  id: "collection.parse_error",
  summary: "Output of a command could not be parsed",
  runbookId: null,
  evaluate: (state) =>
    state.collection.parseErrors.map((problem) =>
      draftFor(parseError, {
        severity: "warning",
        objectKind: "host",
        objectName: `${state.host.name}/${problem.commandId}`,
        title: `Could not read ${problem.commandId} on ${state.host.name}`,
        explanation:
          "The command ran but its output was not in a format Holmes knows, so that part of the host's state is missing. The raw output is kept with the poll: look at it on the host page.",
        values: { command: problem.commandId, problem: problem.message },
      }),
    ),
};

export const staleData: Rule = {
  id: "collection.stale",
  summary: "No successful poll for several intervals",
  runbookId: null,
  evaluate: (state, settings): FindingDraft[] => {
    const last = state.collection.lastSuccessAt;
    if (!last) return [];
    const ageMs = state.now.getTime() - last.getTime();
    if (ageMs <= settings.staleAfterIntervals * state.pollIntervalMs) return [];
    return [
      draftFor(staleData, {
        severity: "warning",
        objectKind: "host",
        objectName: state.host.name,
        title: `Data from ${state.host.name} is ${formatMinutes(ageMs / 60_000)} old`,
        explanation:
          "Nothing shown for this host is current. Its last report may have been healthy; that says nothing about now.",
        values: { lastSuccessAt: last.toISOString() },
      }),
    ];
  },
};
