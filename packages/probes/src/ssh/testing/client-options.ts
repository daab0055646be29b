/** Connect options for the test sshd, and the check that nothing leaked a private key. */
import { userInfo } from "node:os";
import { expect } from "vitest";
import type { SshConnectOptions } from "../connect";
import type { TestSshd } from "./sshd";

export function clientOptions(
  sshd: TestSshd,
  overrides: Partial<SshConnectOptions> = {},
): SshConnectOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    // sshd only lets a non-root server log in as the user running it; as root, root is fine.
    username: userInfo().username,
    privateKey: sshd.clientPrivateKey,
    pinnedHostKey: null,
    connectTimeoutMs: 5_000,
    keepaliveIntervalMs: 5_000,
    ...overrides,
  };
}

/** Fails when any text holds a line of a private key's body, or a PEM header. */
export function expectNoKeyMaterial(
  texts: readonly unknown[],
  privateKeys: readonly string[],
): void {
  const haystack = texts
    .map((text) => (typeof text === "string" ? text : JSON.stringify(text, replaceErrors)))
    .join("\n");
  expect(haystack).not.toContain("PRIVATE KEY");
  for (const key of privateKeys) {
    for (const line of key.split("\n").filter((keyLine) => /^[A-Za-z0-9+/=]{20,}$/.test(keyLine))) {
      expect(haystack).not.toContain(line);
    }
  }
}

function replaceErrors(_key: string, value: unknown): unknown {
  return value instanceof Error ? { message: value.message, stack: value.stack } : value;
}
