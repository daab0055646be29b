/**
 * One poll round = one exec: every invocation runs in order inside a single POSIX sh script, its
 * output framed by markers (see probe-output.ts). A shell function does the per-command work, so
 * each command is one `toShellLine` call and no host-derived value is ever spliced into shell text:
 *
 *   holmes_run mdstat 5 user cat /proc/mdstat
 *   holmes_run kernel-log:1700000000 20 sudo journalctl … || holmes_run kernel-log-dmesg 20 sudo dmesg
 *
 * The whole script is one line (statements joined by `; `) so it also survives being passed
 * through a csh-family login shell, which rejects newlines inside quotes.
 */
import { AppError } from "@holmes/core";
import { type CommandInvocation, resolveInvocation } from "./allowlist";
import { BEGIN_MARKER, END_MARKER, MISSING_MARKER } from "./probe-output";
import { splitShellLine, toShellLine } from "./shell";

export type ComposeOptions = {
  /** Prefix privileged commands with `sudo -n` (a per-host setting; off when logging in as root). */
  useSudo: boolean;
};

const RUNNER = "holmes_run";
const SUDO_MODE = "sudo";
const USER_MODE = "user";
const STATEMENT_SEPARATOR = "; ";
const FALLBACK_SEPARATOR = " || ";

/**
 * `holmes_run <id> <seconds> <sudo|user> <argv…>`: prints the begin marker; when the tool (or sudo)
 * is not installed, a missing marker and status 127 instead of running; otherwise runs it with
 * stdin closed, stderr folded into stdout, under coreutils `timeout` when the host has it (so one
 * hung command, such as a stat on a dead NFS server, does not eat the whole poll), then prints the
 * end marker with the exit status and returns it (a failure lets `||` run the fallback).
 */
const RUNNER_FUNCTION = `${RUNNER}() { ${[
  "holmes_id=$1",
  "holmes_secs=$2",
  "holmes_mode=$3",
  "shift 3",
  `printf '\\n${BEGIN_MARKER} %s\\n' "$holmes_id"`,
  "holmes_tool=$1",
  `if [ "$holmes_mode" = ${SUDO_MODE} ]; then command -v sudo >/dev/null 2>&1 || holmes_tool=sudo; set -- sudo -n "$@"; fi`,
  `if ! command -v "$holmes_tool" >/dev/null 2>&1; then printf '\\n${MISSING_MARKER} %s %s\\n' "$holmes_id" "$holmes_tool"; return 127; fi`,
  `if command -v timeout >/dev/null 2>&1; then timeout -k 2 "$holmes_secs" "$@" </dev/null 2>&1; else "$@" </dev/null 2>&1; fi`,
  "holmes_rc=$?",
  `printf '\\n${END_MARKER} %s %d\\n' "$holmes_id" "$holmes_rc"`,
  `return "$holmes_rc"`,
].join(STATEMENT_SEPARATOR)}; }`;

const PREAMBLE = [
  "LC_ALL=C",
  "export LC_ALL",
  // A non-root user's PATH on Debian lacks sbin, where mdadm, smartctl, sfdisk and lvm live.
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH",
  "export PATH",
  RUNNER_FUNCTION,
].join(STATEMENT_SEPARATOR);

/** Status 0 means the script ran to its end; each command's own status is in its end marker. */
const EPILOGUE = "exit 0";

export function composeProbe(
  invocations: readonly CommandInvocation[],
  options: ComposeOptions,
): string {
  const ids = new Set<string>();
  const statements = invocations.map((invocation) => {
    for (const step of fallbackChain(invocation)) {
      if (ids.has(step.id)) {
        throw new AppError("BAD_REQUEST", { message: `duplicate probe section ${step.id}` });
      }
      ids.add(step.id);
    }
    return statementOf(invocation, options);
  });
  return [PREAMBLE, ...statements, EPILOGUE].join(STATEMENT_SEPARATOR);
}

/**
 * Statements already checked and quoted, by mode and invocation id, with the invocation they
 * were made from. Every poll asks for the same few dozen; checking and quoting each anew was most
 * of the cost of composing a probe. One is reused only for an invocation equal to its own in every
 * field the check compares and the statement writes. Cleared when full: the kernel log's
 * invocation, with its moment, is new each poll.
 */
const composedStatements = new Map<string, { invocation: CommandInvocation; statement: string }>();
const MAX_COMPOSED_STATEMENTS = 20_000;

function statementOf(invocation: CommandInvocation, options: ComposeOptions): string {
  const key = `${options.useSudo ? SUDO_MODE : USER_MODE} ${invocation.id}`;
  const known = composedStatements.get(key);
  if (known && isSameInvocation(known.invocation, invocation)) return known.statement;
  const chain = fallbackChain(invocation);
  for (const step of chain) assertAllowed(step);
  const statement = chain.map((step) => runnerLine(step, options)).join(FALLBACK_SEPARATOR);
  if (composedStatements.size >= MAX_COMPOSED_STATEMENTS) composedStatements.clear();
  composedStatements.set(key, { invocation: copyOf(invocation), statement });
  return statement;
}

function isSameInvocation(a: CommandInvocation | null, b: CommandInvocation | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    a.commandId === b.commandId &&
    a.privileged === b.privileged &&
    a.timeoutMs === b.timeoutMs &&
    a.format === b.format &&
    a.argv.length === b.argv.length &&
    a.argv.every((word, index) => word === b.argv[index]) &&
    isSameInvocation(a.fallback, b.fallback)
  );
}

/** Kept apart from the caller's objects, which the caller could still change. */
function copyOf(invocation: CommandInvocation): CommandInvocation {
  return {
    ...invocation,
    argv: [...invocation.argv],
    fallback: invocation.fallback && copyOf(invocation.fallback),
  };
}

/** What to pass to `Transport.exec`: the script run by `sh`, whatever the login shell is. */
export function toProbeCommand(script: string): string {
  return toShellLine(["sh", "-c", script]);
}

/**
 * The inverse of `composeProbe` (accepting the script or its `toProbeCommand` form): the
 * invocations it runs, or null for anything `composeProbe` could not have produced. The candidate
 * list is rebuilt with `composeProbe` and must match the input exactly, so a tampered script (an
 * extra statement, a changed argument, a different preamble) is refused as a whole.
 */
export function parseComposite(script: string): CommandInvocation[] | null {
  const statements = unwrapStatements(script);
  if (statements === null) return null;
  const invocations: CommandInvocation[] = [];
  let isSudoUsed = false;
  for (const statement of statements) {
    const steps = statement.split(FALLBACK_SEPARATOR).map(parseRunnerLine);
    const [primary] = steps;
    if (!primary || steps.some((step) => step === null)) return null;
    isSudoUsed ||= steps.some((step) => step?.mode === SUDO_MODE);
    invocations.push(primary.invocation);
  }
  try {
    return composeProbe(invocations, { useSudo: isSudoUsed }) === unwrapScriptText(script)
      ? invocations
      : null;
  } catch {
    return null;
  }
}

/** Time the whole composite may take: each command's own limit, plus connection slack. */
export function probeTimeoutMs(invocations: readonly CommandInvocation[]): number {
  const commandsMs = invocations
    .flatMap(fallbackChain)
    .reduce((total, step) => total + step.timeoutMs, 0);
  return commandsMs + 5_000;
}

function fallbackChain(invocation: CommandInvocation): CommandInvocation[] {
  return invocation.fallback ? [invocation, ...fallbackChain(invocation.fallback)] : [invocation];
}

function runnerLine(invocation: CommandInvocation, options: ComposeOptions): string {
  const seconds = String(Math.max(1, Math.ceil(invocation.timeoutMs / 1000)));
  const mode = invocation.privileged && options.useSudo ? SUDO_MODE : USER_MODE;
  return toShellLine([RUNNER, invocation.id, seconds, mode, ...invocation.argv]);
}

/** Only what a builder produces, field for field: a hand-made invocation is refused. */
function assertAllowed(invocation: CommandInvocation): void {
  const resolved = resolveInvocation(invocation.argv);
  const isSame =
    resolved !== null &&
    resolved.id === invocation.id &&
    resolved.commandId === invocation.commandId &&
    resolved.privileged === invocation.privileged &&
    resolved.timeoutMs === invocation.timeoutMs &&
    resolved.format === invocation.format &&
    resolved.fallback?.id === invocation.fallback?.id;
  if (!isSame) {
    const shown = JSON.stringify(invocation.argv.join(" ").slice(0, 120));
    throw new AppError("BAD_REQUEST", { message: `not an allowlisted invocation: ${shown}` });
  }
}

type RunnerStep = { invocation: CommandInvocation; mode: string };

function parseRunnerLine(line: string): RunnerStep | null {
  const words = splitShellLine(line);
  if (!words || words.length < 5 || words[0] !== RUNNER) return null;
  const [, , , mode = "", ...argv] = words;
  if (mode !== SUDO_MODE && mode !== USER_MODE) return null;
  const invocation = resolveInvocation(argv);
  return invocation ? { invocation, mode } : null;
}

function unwrapScriptText(script: string): string {
  const words = script.startsWith(PREAMBLE) ? null : splitShellLine(script);
  return words && words.length === 3 && words[0] === "sh" && words[1] === "-c"
    ? (words[2] ?? "")
    : script;
}

/** The statements between preamble and epilogue, or null when those are not exactly ours. */
function unwrapStatements(script: string): string[] | null {
  const text = unwrapScriptText(script);
  const prefix = `${PREAMBLE}${STATEMENT_SEPARATOR}`;
  const suffix = `${STATEMENT_SEPARATOR}${EPILOGUE}`;
  if (text === `${PREAMBLE}${suffix}`) return [];
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return null;
  const body = text.slice(prefix.length, text.length - suffix.length);
  return body === "" ? null : body.split(STATEMENT_SEPARATOR);
}
