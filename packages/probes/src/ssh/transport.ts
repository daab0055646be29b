/**
 * What a poll needs from a host: run one command line, get its output. The SSH implementation
 * lives beside this file; the simulated fleet (simulate/) implements the same type.
 */
import type { ProbeError } from "./probe-error";

export type ExecOptions = {
  /** The whole command's budget; on expiry the channel is closed and TIMEOUT returned. */
  timeoutMs: number;
};

export type ExecResult =
  | { ok: true; stdout: string; stderr: string; exitCode: number | null }
  | { ok: false; error: ProbeError };

export type Transport = {
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
  close(): void;
};
