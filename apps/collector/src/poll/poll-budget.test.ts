import {
  type ConnectResult,
  probeError,
  SshConnectionPool,
  type SshConnectOptions,
  type SshTransport,
} from "@holmes/probes/ssh";
import { describe, expect, it } from "vitest";
import { type PollTarget, pollHost } from "./poll-host";

const TARGET: PollTarget = {
  name: "stor-slow",
  address: "192.0.2.7",
  port: 22,
  username: "holmes",
  privateKey: "unused",
  pinnedHostKey: null,
  useSudo: true,
  kernelLogSinceEpochSeconds: 0,
  isSmartDue: true,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A host like a hung NFS client: it accepts the session, and no command ever answers. */
function hungHost(connectMs: number) {
  const seen = { connectTimeoutMs: [] as number[], execTimeoutMs: [] as number[] };
  const transport: SshTransport = {
    isAlive: () => true,
    close: () => {},
    // The Transport contract: on expiry the command is abandoned and TIMEOUT returned.
    exec: async (_command, { timeoutMs }) => {
      seen.execTimeoutMs.push(timeoutMs);
      await sleep(timeoutMs);
      return { ok: false, error: probeError("TIMEOUT", `no answer in ${timeoutMs} ms`) };
    },
  };
  const connect = async (options: SshConnectOptions): Promise<ConnectResult> => {
    seen.connectTimeoutMs.push(options.connectTimeoutMs);
    if (options.connectTimeoutMs < connectMs) {
      await sleep(options.connectTimeoutMs);
      return { ok: false, error: probeError("TIMEOUT", "no SSH session") };
    }
    await sleep(connectMs);
    return { ok: true, transport, hostKeyFingerprint: "SHA256:x" };
  };
  return { pool: new SshConnectionPool({ connect }), seen };
}

async function timedPoll(pool: SshConnectionPool, pollTimeoutMs: number) {
  const timeouts = { connectTimeoutMs: 10_000, keepaliveIntervalMs: 10_000, pollTimeoutMs };
  const started = performance.now();
  const outcome = await pollHost(TARGET, pool, timeouts, new Date());
  return { outcome, elapsedMs: performance.now() - started };
}

describe("the per-poll budget", () => {
  it("is shared by the connect and the commands: a hung command ends with the budget", async () => {
    const { pool, seen } = hungHost(300);
    const { outcome, elapsedMs } = await timedPoll(pool, 900);
    expect(outcome.ok ? "ok" : outcome.error.code).toBe("TIMEOUT");
    expect(seen.connectTimeoutMs).toEqual([expect.closeTo(900, -2)]);
    // The command got what the connect left, not its own (far longer) limit.
    expect(seen.execTimeoutMs).toHaveLength(1);
    expect(seen.execTimeoutMs[0]).toBeLessThanOrEqual(600);
    expect(elapsedMs).toBeGreaterThanOrEqual(850);
    expect(elapsedMs).toBeLessThan(900 + 400);
  });

  it("caps a connect slower than the whole budget", async () => {
    const { pool, seen } = hungHost(5_000);
    const { outcome, elapsedMs } = await timedPoll(pool, 500);
    expect(outcome.ok ? "ok" : outcome.error.code).toBe("TIMEOUT");
    expect(seen.connectTimeoutMs).toEqual([expect.closeTo(500, -2)]);
    expect(seen.execTimeoutMs).toEqual([]);
    expect(elapsedMs).toBeLessThan(500 + 400);
  });
});
