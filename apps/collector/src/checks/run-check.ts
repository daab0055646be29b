import { describeParseError } from "@holmes/core";
import type { PollTargetRow } from "@holmes/db/queries/hosts";
import type { CheckVerdict, ClaimedCheckRun } from "@holmes/db/queries/runbook-checks";
import {
  composeProbe,
  probeTimeoutMs,
  splitProbeOutput,
  toProbeCommand,
} from "@holmes/probes/commands";
import type { SshConnectionPool } from "@holmes/probes/ssh";
import {
  CHECK_PROBE_NAMES,
  type CheckProbe,
  type Expectation,
  evaluateExpectation,
} from "@holmes/runbooks";
import { checkInvocation, readCheckOutput } from "./check-command";

export type RunCheckDeps = {
  pool: SshConnectionPool;
  defaultUser: string;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** A check never takes longer than this, whatever its command's own limit. */
  checkTimeoutMs: number;
  privateKeyFor: (host: PollTargetRow) => Promise<string>;
  now: () => Date;
};

/**
 * Runs one claimed check on its host: the single allowlisted command over the pooled SSH
 * connection (the pinned host key must match), parsed by the command's parser and judged by
 * the runbook's expectation. Host-side trouble (unreachable, changed key, hung command, output
 * that does not parse) is an `error` verdict with a message, never a throw.
 */
export async function runCheck(
  deps: RunCheckDeps,
  check: ClaimedCheckRun,
  target: PollTargetRow | undefined,
  previousRawOutput: string | null,
): Promise<CheckVerdict> {
  const error = (summary: string, rawOutput: string | null = null): CheckVerdict => ({
    status: "error",
    summary,
    details: [],
    rawOutput,
    finishedAt: deps.now(),
  });
  if (!target)
    return error(`host ${check.hostName || check.hostId} is not polled (disabled or removed)`);
  if (target.presentedHostKey) {
    return error(`${target.name} presented a different host key; an admin must accept it first`);
  }
  const probe = CHECK_PROBE_NAMES.find((name) => name === check.probe);
  if (!probe) return error(`unknown check probe ${JSON.stringify(check.probe)}`);
  let invocation: ReturnType<typeof checkInvocation>;
  let script: string;
  try {
    invocation = checkInvocation(probe, check.args, deps.now());
    script = toProbeCommand(composeProbe([invocation], { useSudo: target.useSudo }));
  } catch (refused) {
    return error(refused instanceof Error ? refused.message : String(refused));
  }
  let privateKey: string;
  try {
    privateKey = await deps.privateKeyFor(target);
  } catch (failure) {
    return error(
      `no usable private key: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  }
  const timeoutMs = Math.min(probeTimeoutMs([invocation]), deps.checkTimeoutMs);
  const connection = {
    host: target.address,
    port: target.port,
    username: target.username ?? deps.defaultUser,
    privateKey,
    pinnedHostKey: target.pinnedHostKey,
    connectTimeoutMs: Math.min(deps.connectTimeoutMs, timeoutMs),
    keepaliveIntervalMs: deps.keepaliveIntervalMs,
  };
  const result = await deps.pool.exec(connection, script, { timeoutMs });
  if (!result.ok) {
    const hint = result.error.code === "TIMEOUT" ? ` (no answer within ${timeoutMs / 1000} s)` : "";
    return error(`${target.name}: ${result.error.message}${hint}`);
  }
  const section = splitProbeOutput(result.stdout).find((s) => s.id === invocation.id);
  const fallback = invocation.fallback
    ? splitProbeOutput(result.stdout).find((s) => s.id === invocation.fallback?.id)
    : undefined;
  const answered = fallback ?? section;
  if (!answered)
    return error(`${target.name}: the command printed nothing Holmes could read`, result.stdout);
  if (answered.isMissing) {
    return error(`${target.name}: ${answered.missingTool ?? "the tool"} is not installed`);
  }
  if (answered.isTruncated || answered.exitCode === null) {
    return error(`${target.name}: the command was cut off before it finished`, answered.output);
  }
  const parsed = readCheckOutput(probe, invocation, answered.id, answered.output);
  if (!parsed.ok) {
    const exit = answered.exitCode === 0 ? "" : ` (exit ${answered.exitCode})`;
    return error(
      `${target.name}: output not understood${exit}: ${describeParseError(parsed.error)}`,
      answered.output,
    );
  }
  // The previous output came from the same host's tools, so it is read in the form that answered
  // now; one that no longer parses is no previous observation (the expectation says so).
  const previous =
    previousRawOutput === null
      ? undefined
      : readCheckOutput(probe, invocation, answered.id, previousRawOutput);
  const outcome = evaluateExpectation(
    check.expect as Expectation,
    parsed.value,
    previous?.ok ? previous.value : undefined,
  );
  return {
    status: outcome.passed ? "passed" : "failed",
    summary: outcome.summary,
    details: outcome.details,
    rawOutput: answered.output,
    finishedAt: deps.now(),
  };
}

export type { CheckProbe };
