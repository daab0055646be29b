import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detailProbe, discoveryProbe } from "../commands/poll-rounds";
import { splitProbeOutput } from "../commands/probe-output";
import type { SshConnectOptions } from "./connect";
import { SshConnectionPool } from "./connection-pool";
import { clientOptions, expectNoKeyMaterial } from "./testing/client-options";
import { hasSshd, startTestSshd, type TestSshd } from "./testing/sshd";

const discovery = discoveryProbe({ useSudo: true, kernelLogSinceEpochSeconds: 0 });
const POLL_MS = 20_000;

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe.runIf(hasSshd("ssh connection pool (OpenSSH sshd)"))(
  "SshConnectionPool against a real sshd",
  { timeout: 60_000 },
  () => {
    let sshd: TestSshd;
    let options: SshConnectOptions;
    const pool = new SshConnectionPool();
    const seen: unknown[] = [];

    beforeAll(async () => {
      sshd = await startTestSshd();
      options = clientOptions(sshd);
    });

    afterAll(async () => {
      pool.closeAll();
      expectNoKeyMaterial([...seen, sshd?.log()], [sshd.clientPrivateKey]);
      await sshd?.stop();
    });

    async function poll(command: string, timeoutMs = POLL_MS) {
      const result = await pool.exec(options, command, { timeoutMs });
      seen.push(result);
      return result;
    }

    it("keeps one connection open across polls, and runs both rounds on it", async () => {
      sshd.setCanned({
        outputs: { mdstat: "Personalities : [raid1]\n", "smartctl:/dev/sda": "{}" },
      });
      const first = await poll(discovery.command);
      const second = await poll(discovery.command);
      const detail = detailProbe(
        {
          arrays: ["md0"],
          members: ["sda1", "sdb1"],
          disks: ["sda", "sdb;reboot"],
          volumeGroups: ["vg0"],
        },
        { useSudo: true },
      );
      const third = await poll(detail.command);
      expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
      expect(first.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
      expect(pool.connectionsOpened).toBe(1);
      const connections = new Set(sshd.invocations().map((record) => record.connection));
      expect(connections.size).toBe(1);
      expect(detail.rejected).toEqual([expect.objectContaining({ value: "sdb;reboot" })]);
      const sections = third.ok ? splitProbeOutput(third.stdout) : [];
      expect(sections.map((section) => section.id)).toEqual(detail.invocations.map((i) => i.id));
      expect(sections.find((section) => section.id === "smartctl:/dev/sda")?.output).toBe("{}");
    });

    it("times out a command that never returns, keeps what arrived, and the next poll still works", async () => {
      sshd.setCanned({ outputs: { vgs: '{"report": []}' }, hang: "lvs" });
      const started = performance.now();
      const hung = await poll(discovery.command, 4_000);
      expect(performance.now() - started).toBeLessThan(5_000);
      if (hung.ok || hung.error.code !== "TIMEOUT")
        throw new Error(`expected TIMEOUT: ${JSON.stringify(hung)}`);
      const partial = splitProbeOutput(String(hung.error.detail?.partialStdout ?? ""));
      expect(partial.at(-2)).toMatchObject({ id: "vgs", output: '{"report": []}', exitCode: 0 });
      expect(partial.at(-1)).toMatchObject({ id: "lvs", isTruncated: true });
      const hungPid = sshd.invocations().at(-1)?.pid ?? 0;

      sshd.setCanned({ outputs: { lvs: '{"report": []}' } });
      const next = await poll(discovery.command);
      expect(next.ok).toBe(true);
      expect(pool.connectionsOpened).toBe(1);
      // Closing the channel released the hung command on the host.
      expect(await waitUntil(() => !existsSync(`/proc/${hungPid}`), 5_000)).toBe(true);
    });

    it("reconnects after the connection is lost", async () => {
      await sshd.restart({ isNewHostKey: false });
      const result = await poll(discovery.command);
      expect(result.ok).toBe(true);
      expect(pool.connectionsOpened).toBe(2);
    });

    it("does not reuse a connection verified against a key that is no longer pinned", async () => {
      const runsBefore = sshd.invocations().length;
      const repinned = { ...options, pinnedHostKey: "SHA256:someOtherKeyTheAdminAccepted" };
      const result = await pool.exec(repinned, discovery.command, { timeoutMs: POLL_MS });
      seen.push(result);
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: "HOST_KEY_CHANGED",
          detail: {
            expectedFingerprint: "SHA256:someOtherKeyTheAdminAccepted",
            presentedFingerprint: sshd.hostKeyFingerprint,
          },
        },
      });
      expect(sshd.invocations()).toHaveLength(runsBefore);
    });

    it("opens a new connection after closeAll", async () => {
      pool.closeAll();
      const opened = pool.connectionsOpened;
      const result = await poll(discovery.command);
      expect(result.ok).toBe(true);
      expect(pool.connectionsOpened).toBe(opened + 1);
    });
  },
);
