/**
 * A Transport over one open ssh2 connection. Each exec opens a channel; the connection outlives
 * it, so a poll costs channel setup (~0.3 ms) rather than a handshake.
 */
import type { Client, ClientChannel } from "ssh2";
import { type ProbeError, probeError } from "./probe-error";
import type { ExecOptions, ExecResult, Transport } from "./transport";

export type SshTransport = Transport & {
  /** False once the connection closed or failed (keepalive timeout, reset, `close()`). */
  isAlive(): boolean;
};

export function createSshTransport(client: Client, target: string): SshTransport {
  let isAlive = true;
  const pending = new Set<(error: ProbeError) => void>();
  const markDead = () => {
    isAlive = false;
    for (const abort of [...pending]) {
      abort(probeError("UNREACHABLE", `${target}: connection lost while a command was running`));
    }
  };
  client.on("close", markDead);
  client.on("end", markDead);
  client.on("error", markDead);
  return {
    isAlive: () => isAlive,
    exec: (command, options) =>
      isAlive
        ? runCommand({ client, target, pending }, command, options)
        : Promise.resolve(failed(probeError("UNREACHABLE", `${target}: connection is closed`))),
    close: () => {
      markDead();
      client.end();
    },
  };
}

type RunContext = {
  client: Client;
  target: string;
  pending: Set<(error: ProbeError) => void>;
};

function runCommand(context: RunContext, command: string, options: ExecOptions) {
  return new Promise<ExecResult>((resolve) => {
    const run = startRun(context, options, resolve);
    try {
      context.client.exec(command, run.onOpen);
    } catch {
      run.abort(probeError("UNREACHABLE", `${context.target}: connection is closed`));
    }
  });
}

type ChannelOutput = { stdout: Buffer[]; stderr: Buffer[]; exitCode: number | null };
type Run = {
  onOpen: (error: Error | undefined, channel: ClientChannel) => void;
  abort: (error: ProbeError) => void;
};

/** One exec's bookkeeping: whichever of close, timeout or connection loss comes first wins. */
function startRun(
  context: RunContext,
  options: ExecOptions,
  resolve: (result: ExecResult) => void,
): Run {
  const output: ChannelOutput = { stdout: [], stderr: [], exitCode: null };
  let channel: ClientChannel | null = null;
  let isDone = false;
  const finish = (result: ExecResult) => {
    if (isDone) return;
    isDone = true;
    clearTimeout(timer);
    context.pending.delete(abort);
    resolve(result);
  };
  // What arrived before a timeout still frames complete sections: keep it for the caller.
  const abort = (error: ProbeError) => finish(failed(withPartialStdout(error, output.stdout)));
  const timer = setTimeout(() => {
    const late = `${context.target}: command did not finish within ${options.timeoutMs} ms`;
    abort(probeError("TIMEOUT", late));
    if (channel) stopChannel(channel);
  }, options.timeoutMs);
  context.pending.add(abort);
  const onOpen = (error: Error | undefined, opened: ClientChannel) => {
    if (error)
      return abort(probeError("UNREACHABLE", `${context.target}: could not open a channel`));
    if (isDone) return stopChannel(opened);
    channel = opened;
    collectOutput(opened, output, () => finish({ ok: true, ...decodeOutput(output) }));
  };
  return { onOpen, abort };
}

function collectOutput(channel: ClientChannel, output: ChannelOutput, onClose: () => void): void {
  channel.on("data", (data: Buffer) => output.stdout.push(data));
  channel.stderr.on("data", (data: Buffer) => output.stderr.push(data));
  channel.on("exit", (code: number | null) => {
    // A command killed by a signal reports (null, "KILL"): there is no exit status.
    output.exitCode = typeof code === "number" ? code : null;
  });
  channel.on("close", onClose);
}

function decodeOutput(output: ChannelOutput) {
  return {
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
    exitCode: output.exitCode,
  };
}

/**
 * KILL reaches the remote process where sshd allows signals (OpenSSH ≥ 7.9, not for forced
 * commands); closing the channel is what frees it on our side either way. The composite's own
 * per-command `timeout` bounds whatever keeps running on the host.
 */
function stopChannel(channel: ClientChannel): void {
  for (const stop of [() => channel.signal("KILL"), () => channel.close()]) {
    try {
      stop();
    } catch {
      // The connection is already gone: nothing left to stop.
    }
  }
}

function withPartialStdout(error: ProbeError, stdout: Buffer[]): ProbeError {
  if (error.code === "HOST_KEY_CHANGED" || stdout.length === 0) return error;
  return { ...error, detail: { ...error.detail, partialStdout: decode(stdout) } };
}

function decode(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString("utf8");
}

function failed(error: ProbeError): ExecResult {
  return { ok: false, error };
}
