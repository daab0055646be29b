/**
 * Opens one SSH connection with ssh2, on a socket we create ourselves: ssh2 leaves Nagle on for
 * sockets it makes, which costs ~49 ms per exec against ~6 ms with TCP_NODELAY.
 */
import { Socket } from "node:net";
import ssh2, {
  type ClientErrorExtensions,
  type ConnectConfig,
  type KexAlgorithm,
  type PublicKeyAuthMethod,
  type ServerHostKeyAlgorithm,
} from "ssh2";

// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them off the default.
const { Client } = ssh2;
type Client = InstanceType<typeof Client>;

type ClientError = Error & ClientErrorExtensions & { code?: string };

import { fingerprintHostKey } from "./fingerprint";
import { parsedPrivateKey } from "./parsed-keys";
import { hostKeyChangedError, type ProbeError, probeError } from "./probe-error";
import { createSshTransport, type SshTransport } from "./ssh-transport";

export type SshConnectOptions = {
  host: string;
  port: number;
  username: string;
  privateKey: string | Buffer;
  passphrase?: string;
  /** `SHA256:…` of the accepted host key; null on first contact (trust on first use). */
  pinnedHostKey: string | null;
  /** TCP connect, key exchange and authentication together. */
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
};

export type ConnectResult =
  | { ok: true; transport: SshTransport; hostKeyFingerprint: string }
  | { ok: false; error: ProbeError };

/**
 * curve25519 + ed25519 cost the client ~2–3 ms of CPU per handshake. Diffie-Hellman group exchange
 * is left out (an extra round trip and a server-chosen prime of up to 8 kbit); the fixed groups
 * remain only for hosts too old for ECDH.
 */
const KEX_ALGORITHMS = [
  "curve25519-sha256",
  "curve25519-sha256@libssh.org",
  "ecdh-sha2-nistp256",
  "ecdh-sha2-nistp384",
  "ecdh-sha2-nistp521",
  "diffie-hellman-group14-sha256",
  "diffie-hellman-group16-sha512",
] satisfies KexAlgorithm[];
/** A fixed order, so a host with several keys always presents the same one to compare. */
const HOST_KEY_ALGORITHMS = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "rsa-sha2-512",
  "rsa-sha2-256",
] satisfies ServerHostKeyAlgorithm[];
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
]);

type HostKeyCheck = { presented: string | null; isRejected: boolean };

export function connectSsh(options: SshConnectOptions): Promise<ConnectResult> {
  const target = `${options.username}@${options.host}:${options.port}`;
  const client = new Client();
  const socket = new Socket();
  socket.setNoDelay(true);
  const check: HostKeyCheck = { presented: null, isRejected: false };
  return new Promise<ConnectResult>((resolve) => {
    let isDone = false;
    const settle = (result: ConnectResult) => {
      // A session that comes up after the deadline is closed, never handed out.
      if (isDone) return result.ok && result.transport.close();
      isDone = true;
      clearTimeout(timer);
      if (!result.ok) {
        client.end();
        socket.destroy();
      }
      resolve(result);
    };
    const fail = (error: ProbeError) => settle({ ok: false, error });
    const timer = setTimeout(() => {
      fail(
        probeError("TIMEOUT", `${target}: no SSH session within ${options.connectTimeoutMs} ms`),
      );
    }, options.connectTimeoutMs);
    client.on("ready", () => {
      const transport = createSshTransport(client, target);
      settle({ ok: true, transport, hostKeyFingerprint: check.presented ?? "" });
    });
    client.on("error", (error) => fail(describeConnectError(error, target, check, options)));
    client.on("close", () => fail(probeError("UNREACHABLE", `${target}: connection closed`)));
    socket.connect(options.port, options.host);
    startHandshake(client, socket, options, check, () =>
      fail(probeError("AUTH_FAILED", `${target}: the private key could not be read (passphrase?)`)),
    );
  });
}

function startHandshake(
  client: Client,
  socket: Socket,
  options: SshConnectOptions,
  check: HostKeyCheck,
  onBadKey: () => void,
): void {
  const config: ConnectConfig = {
    sock: socket,
    username: options.username,
    hostVerifier: (key: Buffer): boolean => {
      check.presented = fingerprintHostKey(key);
      check.isRejected =
        options.pinnedHostKey !== null && options.pinnedHostKey !== check.presented;
      // Refusing here aborts the key exchange: authentication and any command never start.
      return !check.isRejected;
    },
    algorithms: { kex: KEX_ALGORITHMS, serverHostKey: HOST_KEY_ALGORITHMS },
    readyTimeout: 0,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: 3,
    tryKeyboard: false,
  };
  const key = parsedPrivateKey(options.privateKey, options.passphrase);
  if (typeof key === "string" || Buffer.isBuffer(key)) {
    // Unparsable: given as text, so that connect throws for it below.
    config.privateKey = key;
    if (options.passphrase !== undefined) config.passphrase = options.passphrase;
  } else {
    // ssh2 takes a parsed key only through an auth method, not as `privateKey`.
    const publicKey: PublicKeyAuthMethod = { type: "publickey", username: options.username, key };
    config.authHandler = [publicKey];
  }
  try {
    client.connect(config);
  } catch {
    // ssh2 throws synchronously for an unparsable key or wrong passphrase. Its message is not
    // passed on: nothing derived from the key material may reach a stored error.
    onBadKey();
  }
}

function describeConnectError(
  error: ClientError,
  target: string,
  check: HostKeyCheck,
  options: SshConnectOptions,
): ProbeError {
  if (check.isRejected && check.presented !== null && options.pinnedHostKey !== null) {
    return hostKeyChangedError(target, {
      expectedFingerprint: options.pinnedHostKey,
      presentedFingerprint: check.presented,
    });
  }
  if (error.level === "client-authentication") {
    return probeError(
      "AUTH_FAILED",
      `${target}: the server refused our key for ${options.username}`,
    );
  }
  if (error.code && UNREACHABLE_CODES.has(error.code)) {
    return probeError("UNREACHABLE", `${target}: ${error.code}`);
  }
  if (error.level === "client-timeout") {
    return probeError("TIMEOUT", `${target}: ${oneLine(error.message)}`);
  }
  return probeError("UNREACHABLE", `${target}: SSH connection failed: ${oneLine(error.message)}`);
}

/** ssh2's own messages are short protocol texts; keep them that way in what gets stored. */
function oneLine(message: string): string {
  const first = message.split("\n")[0] ?? "";
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}
