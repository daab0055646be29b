import { describe, expect, it } from "vitest";
import type { ConnectResult, SshConnectOptions } from "./connect";
import { SshConnectionPool } from "./connection-pool";
import { probeError } from "./probe-error";
import type { SshTransport } from "./ssh-transport";
import type { ExecResult } from "./transport";

const OPTIONS: SshConnectOptions = {
  host: "db1",
  port: 22,
  username: "holmes",
  privateKey: "unused",
  pinnedHostKey: null,
  connectTimeoutMs: 1_000,
  keepaliveIntervalMs: 1_000,
};
const OK: ExecResult = { ok: true, stdout: "out", stderr: "", exitCode: 0 };
const LOST: ExecResult = { ok: false, error: probeError("UNREACHABLE", "connection lost") };

type FakeTransport = SshTransport & { alive: boolean; execs: number; closed: boolean };

function fakeTransport(results: ExecResult[] = []): FakeTransport {
  const transport: FakeTransport = {
    alive: true,
    execs: 0,
    closed: false,
    isAlive: () => transport.alive,
    exec: async () => {
      transport.execs += 1;
      const result = results.shift() ?? OK;
      if (result === LOST) transport.alive = false;
      return result;
    },
    close: () => {
      transport.closed = true;
      transport.alive = false;
    },
  };
  return transport;
}

/** A connector that hands out the given results in order and counts its calls. */
function fakeConnector(results: Array<() => ConnectResult>) {
  const connector = Object.assign(
    async (_options: SshConnectOptions): Promise<ConnectResult> => {
      connector.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const next = results.shift();
      if (!next) throw new Error("unexpected connect");
      return next();
    },
    { calls: 0 },
  );
  return connector;
}

const connected =
  (transport: SshTransport, fingerprint = "SHA256:a") =>
  () =>
    ({ ok: true, transport, hostKeyFingerprint: fingerprint }) as const;
const refused = () => ({ ok: false, error: probeError("UNREACHABLE", "ECONNREFUSED") }) as const;

describe("SshConnectionPool", () => {
  it("reuses one connection for successive and concurrent polls", async () => {
    const transport = fakeTransport();
    const connect = fakeConnector([connected(transport)]);
    const pool = new SshConnectionPool({ connect });
    await Promise.all([
      pool.exec(OPTIONS, "a", { timeoutMs: 1 }),
      pool.exec(OPTIONS, "b", { timeoutMs: 1 }),
    ]);
    const third = await pool.exec(OPTIONS, "c", { timeoutMs: 1 });
    expect(third).toEqual({ ...OK, hostKeyFingerprint: "SHA256:a" });
    expect([connect.calls, pool.connectionsOpened, transport.execs]).toEqual([1, 1, 3]);
  });

  it("keeps hosts apart by user, host, port and the private key it logs in with", async () => {
    const connect = fakeConnector([
      connected(fakeTransport()),
      connected(fakeTransport()),
      connected(fakeTransport()),
      connected(fakeTransport()),
    ]);
    const pool = new SshConnectionPool({ connect });
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    await pool.exec({ ...OPTIONS, port: 2222 }, "a", { timeoutMs: 1 });
    await pool.exec({ ...OPTIONS, username: "other" }, "a", { timeoutMs: 1 });
    await pool.exec({ ...OPTIONS, privateKey: "another key" }, "a", { timeoutMs: 1 });
    expect(connect.calls).toBe(4);
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    expect(connect.calls).toBe(4);
  });

  it("shares a failed connect with concurrent callers and tries again on the next poll", async () => {
    const connect = fakeConnector([refused, connected(fakeTransport())]);
    const pool = new SshConnectionPool({ connect });
    const [first, second] = await Promise.all([
      pool.exec(OPTIONS, "a", { timeoutMs: 1 }),
      pool.exec(OPTIONS, "b", { timeoutMs: 1 }),
    ]);
    expect([first.ok, second.ok, connect.calls]).toEqual([false, false, 1]);
    expect(first.hostKeyFingerprint).toBeNull();
    expect((await pool.exec(OPTIONS, "c", { timeoutMs: 1 })).ok).toBe(true);
    expect(connect.calls).toBe(2);
  });

  it("reconnects when the kept connection died between polls", async () => {
    const old = fakeTransport();
    const connect = fakeConnector([connected(old), connected(fakeTransport())]);
    const pool = new SshConnectionPool({ connect });
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    old.alive = false;
    expect((await pool.exec(OPTIONS, "b", { timeoutMs: 1 })).ok).toBe(true);
    expect([connect.calls, old.closed]).toEqual([2, true]);
  });

  it("runs a poll once more when a reused connection is lost under it", async () => {
    const old = fakeTransport([OK, LOST]);
    const fresh = fakeTransport();
    const pool = new SshConnectionPool({
      connect: fakeConnector([connected(old), connected(fresh)]),
    });
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    expect((await pool.exec(OPTIONS, "b", { timeoutMs: 1 })).ok).toBe(true);
    expect([old.execs, fresh.execs]).toEqual([2, 1]);
  });

  it("does not retry a loss on a fresh connection, nor loop on a live one", async () => {
    const fresh = fakeTransport([LOST]);
    const pool = new SshConnectionPool({ connect: fakeConnector([connected(fresh)]) });
    expect((await pool.exec(OPTIONS, "a", { timeoutMs: 1 })).ok).toBe(false);
    // A copy of LOST: this fake connection stays alive, as after a refused channel.
    const live = fakeTransport([OK, { ...LOST }]);
    const second = new SshConnectionPool({ connect: fakeConnector([connected(live)]) });
    await second.exec(OPTIONS, "a", { timeoutMs: 1 });
    expect((await second.exec(OPTIONS, "b", { timeoutMs: 1 })).ok).toBe(false);
    expect(live.execs).toBe(2);
  });

  it("drops a connection verified against a key that is no longer the pinned one", async () => {
    const old = fakeTransport();
    const connect = fakeConnector([
      connected(old, "SHA256:a"),
      connected(fakeTransport(), "SHA256:b"),
    ]);
    const pool = new SshConnectionPool({ connect });
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    await pool.exec({ ...OPTIONS, pinnedHostKey: "SHA256:a" }, "b", { timeoutMs: 1 });
    expect(connect.calls).toBe(1);
    await pool.exec({ ...OPTIONS, pinnedHostKey: "SHA256:b" }, "c", { timeoutMs: 1 });
    expect([connect.calls, old.closed]).toEqual([2, true]);
  });

  it("closes every connection on closeAll", async () => {
    const transport = fakeTransport();
    const pool = new SshConnectionPool({ connect: fakeConnector([connected(transport)]) });
    await pool.exec(OPTIONS, "a", { timeoutMs: 1 });
    pool.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(transport.closed).toBe(true);
  });
});
