/**
 * One kept-open SSH connection per host (user@host:port, and the key it logs in with), reused
 * across polls. A connection that
 * closed or failed (keepalive timeout, sshd restart, reset) is dropped and the next use reconnects.
 * Hosts never wait on each other: each has its own connect and its own timers.
 */
import { createHash } from "node:crypto";
import { type ConnectResult, connectSsh, type SshConnectOptions } from "./connect";
import type { SshTransport } from "./ssh-transport";
import type { ExecOptions, ExecResult } from "./transport";

export type SshConnector = (options: SshConnectOptions) => Promise<ConnectResult>;

/** An exec through the pool also says which host key the connection was verified with (TOFU). */
export type PooledExecResult = ExecResult & { hostKeyFingerprint: string | null };

type PoolEntry = { connecting: Promise<ConnectResult> };

export class SshConnectionPool {
  readonly #connect: SshConnector;
  readonly #entries = new Map<string, PoolEntry>();
  /** Transports that have run a command: only those may be retried after a connection loss. */
  readonly #used = new WeakSet<SshTransport>();
  #connectionsOpened = 0;

  constructor(options: { connect?: SshConnector } = {}) {
    this.#connect = options.connect ?? connectSsh;
  }

  /** Connections this pool has opened successfully since it was created. */
  get connectionsOpened(): number {
    return this.#connectionsOpened;
  }

  /** The live connection for this host, opening one when there is none (or it died). */
  async acquire(options: SshConnectOptions): Promise<ConnectResult> {
    const key = poolKey(options);
    const existing = this.#entries.get(key);
    if (!existing) return this.#open(key, options);
    const result = await existing.connecting;
    // Callers that waited on the same failed connect share its failure rather than each retrying.
    if (!result.ok || isUsable(result, options)) return result;
    if (this.#entries.get(key) === existing) this.#drop(key, result);
    return this.acquire(options);
  }

  async exec(
    options: SshConnectOptions,
    command: string,
    execOptions: ExecOptions,
  ): Promise<PooledExecResult> {
    const connection = await this.acquire(options);
    if (!connection.ok) return { ...connection, hostKeyFingerprint: null };
    const isReused = this.#used.has(connection.transport);
    this.#used.add(connection.transport);
    const result = await connection.transport.exec(command, execOptions);
    // A kept-open connection can die between polls before we hear of it (a restarted sshd): a
    // read-only probe is safe to run once more, on a fresh connection.
    const isLost = !result.ok && result.error.code === "UNREACHABLE";
    if (isReused && isLost && !connection.transport.isAlive()) {
      return this.exec(options, command, execOptions);
    }
    return { ...result, hostKeyFingerprint: connection.hostKeyFingerprint };
  }

  closeAll(): void {
    for (const [key, entry] of this.#entries) {
      this.#entries.delete(key);
      void entry.connecting.then((result) => result.ok && result.transport.close());
    }
  }

  #open(key: string, options: SshConnectOptions): Promise<ConnectResult> {
    const connecting = this.#connect(options).then((result) => {
      if (result.ok) this.#connectionsOpened += 1;
      // A failed connect is not cached: the next poll tries again.
      else if (this.#entries.get(key) === entry) this.#entries.delete(key);
      return result;
    });
    const entry: PoolEntry = { connecting };
    this.#entries.set(key, entry);
    return connecting;
  }

  #drop(key: string, result: ConnectResult): void {
    this.#entries.delete(key);
    if (result.ok) result.transport.close();
  }
}

function poolKey(options: SshConnectOptions): string {
  // The key is part of the identity: two inventory entries for one account with different keys
  // must each prove their own key, not ride on a connection the other one opened.
  const keyDigest = createHash("sha256").update(options.privateKey).digest("base64url");
  return `${options.username}@${options.host}:${options.port}#${keyDigest}`;
}

/**
 * Alive, and verified against the key pinned now: when an admin pins a different key, the old
 * connection is not reused, so the next command runs only after the new pin is checked.
 */
function isUsable(
  result: { transport: SshTransport; hostKeyFingerprint: string },
  options: SshConnectOptions,
): boolean {
  if (!result.transport.isAlive()) return false;
  return options.pinnedHostKey === null || options.pinnedHostKey === result.hostKeyFingerprint;
}
