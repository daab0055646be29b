/**
 * The test host's script of answers, written by a test into the sshd temp dir and read by the
 * forced command on every exec. Keys are invocation ids (`smartctl:/dev/sda`) or command ids
 * (`smartctl`); the first one present wins.
 */
export type CannedHost = {
  outputs: Record<string, string>;
  exitCodes?: Record<string, number>;
  /** Tools `command -v` would not find on this host. */
  missingTools?: string[];
  /** The command that never returns (a stat on a dead NFS server). */
  hang?: string;
};

/** One line per exec the forced command saw, appended to `invocations.jsonl`. */
export type InvocationRecord = {
  pid: number;
  connection: string | null;
  isAccepted: boolean;
  ids: string[];
};

export const CANNED_FILE = "canned.json";
export const INVOCATIONS_FILE = "invocations.jsonl";
