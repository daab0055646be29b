import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoveryProbe } from "../commands/poll-rounds";
import { splitProbeOutput } from "../commands/probe-output";
import { type ConnectResult, connectSsh } from "./connect";
import { clientOptions, expectNoKeyMaterial } from "./testing/client-options";
import { startSilentServer } from "./testing/silent-server";
import { hasSshd, startTestSshd, type TestSshd } from "./testing/sshd";

const MDSTAT =
  "Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      1046528 blocks super 1.2 [2/2] [UU]\n\nunused devices: <none>\n";

function countLogins(log: string): number {
  return log.split("\n").filter((line) => line.startsWith("Accepted publickey")).length;
}

describe.runIf(hasSshd("ssh connect (OpenSSH sshd)"))(
  "connectSsh against a real sshd",
  { timeout: 60_000 },
  () => {
    let sshd: TestSshd;
    const seen: unknown[] = [];
    const opened: ConnectResult[] = [];

    async function connect(...args: Parameters<typeof clientOptions>): Promise<ConnectResult> {
      const result = await connectSsh(clientOptions(...args));
      seen.push(result.ok ? result.hostKeyFingerprint : result.error);
      opened.push(result);
      return result;
    }

    beforeAll(async () => {
      sshd = await startTestSshd();
    });

    afterAll(async () => {
      for (const result of opened) if (result.ok) result.transport.close();
      expectNoKeyMaterial([...seen, sshd?.log()], [sshd.clientPrivateKey, sshd.strangerPrivateKey]);
      await sshd?.stop();
    });

    it("connects on first use, reports the host key and runs the discovery composite", async () => {
      const plan = discoveryProbe({ useSudo: true, kernelLogSinceEpochSeconds: 1_700_000_000 });
      // Every command answers with its own text (some without a final newline); smartctl and
      // journalctl are not installed, and Debian's mdadm.conf path fails, so two fallbacks run.
      const outputs = Object.fromEntries(
        [
          ...plan.invocations,
          ...plan.invocations.flatMap((i) => (i.fallback ? [i.fallback] : [])),
        ].map((i) => [i.id, i.id.length % 2 === 0 ? `output of ${i.id}\n` : `output of ${i.id}`]),
      );
      sshd.setCanned({
        outputs: { ...outputs, mdstat: MDSTAT },
        exitCodes: { "mdadm-conf-debian": 1 },
        missingTools: ["smartctl", "journalctl"],
      });
      const connection = await connect(sshd);
      if (!connection.ok) throw new Error(connection.error.message);
      expect(connection.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
      const result = await connection.transport.exec(plan.command, { timeoutMs: 20_000 });
      seen.push(result);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.exitCode).toBe(0);
      const sections = splitProbeOutput(result.stdout);
      const expectedIds = plan.invocations.flatMap((i) =>
        i.fallback && ["mdadm-conf-debian", "kernel-log"].includes(i.commandId)
          ? [i.id, i.fallback.id]
          : [i.id],
      );
      expect(sections.map((section) => section.id)).toEqual(expectedIds);
      for (const section of sections) {
        if (section.id === "smartctl-scan" || section.id.startsWith("kernel-log:")) {
          expect(section).toMatchObject({ isMissing: true, exitCode: null, output: "" });
        } else {
          const expected = section.id === "mdstat" ? MDSTAT : outputs[section.id];
          const exitCode = section.id === "mdadm-conf-debian" ? 1 : 0;
          expect(section).toMatchObject({ output: expected, exitCode, isTruncated: false });
        }
      }
      expect(sshd.invocations().at(-1)).toMatchObject({
        isAccepted: true,
        ids: plan.invocations.map((i) => i.id),
      });
    });

    it("refuses a command that is not a composite probe (the host's allowlist)", async () => {
      const connection = await connect(sshd);
      if (!connection.ok) throw new Error(connection.error.message);
      const result = await connection.transport.exec("cat /etc/shadow", { timeoutMs: 20_000 });
      expect(result).toMatchObject({ ok: true, stdout: "", exitCode: 2 });
      expect(sshd.invocations().at(-1)).toMatchObject({ isAccepted: false, ids: [] });
    });

    it("refuses the wrong client key with AUTH_FAILED", async () => {
      const result = await connect(sshd, { privateKey: sshd.strangerPrivateKey });
      expect(result).toMatchObject({ ok: false, error: { code: "AUTH_FAILED" } });
    });

    it("refuses an unreadable or locked key with AUTH_FAILED, without echoing it", async () => {
      const dir = mkdtempSync(join(tmpdir(), "holmes-key-"));
      execFileSync("ssh-keygen", [
        "-q",
        "-t",
        "ed25519",
        "-N",
        "correct horse",
        "-f",
        join(dir, "k"),
      ]);
      const locked = readFileSync(join(dir, "k"), "utf8");
      rmSync(dir, { recursive: true });
      for (const attempt of [
        { privateKey: locked },
        { privateKey: locked, passphrase: "wrong" },
        { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAnotakeyatallnotakeyatall\n" },
      ]) {
        const result = await connect(sshd, attempt);
        expect(result).toMatchObject({ ok: false, error: { code: "AUTH_FAILED" } });
        expectNoKeyMaterial([result], [locked, attempt.privateKey]);
      }
    });

    it("reports a closed port as UNREACHABLE", async () => {
      const silent = await startSilentServer();
      const closedPort = silent.port;
      await silent.stop();
      const result = await connect(sshd, { port: closedPort });
      expect(result).toMatchObject({ ok: false, error: { code: "UNREACHABLE" } });
      expect(result.ok || result.error.message).toContain("ECONNREFUSED");
    });

    it("gives up on a host that never speaks within connectTimeoutMs, without delaying another", async () => {
      const silent = await startSilentServer();
      const started = performance.now();
      const timed = (promise: Promise<ConnectResult>) =>
        promise.then((result) => ({ result, ms: performance.now() - started }));
      const [hung, healthy] = await Promise.all([
        timed(connect(sshd, { port: silent.port, connectTimeoutMs: 1_500 })),
        timed(connect(sshd, { connectTimeoutMs: 5_000 })),
      ]);
      await silent.stop();
      expect(silent.accepted()).toBe(1);
      expect(hung.result).toMatchObject({ ok: false, error: { code: "TIMEOUT" } });
      expect(hung.ms).toBeGreaterThanOrEqual(1_450);
      expect(hung.ms).toBeLessThan(3_000);
      expect(healthy.result.ok).toBe(true);
      expect(healthy.ms).toBeLessThan(1_000);
    });

    it("refuses a changed host key before any command runs, naming both fingerprints", async () => {
      const pinned = sshd.hostKeyFingerprint;
      await sshd.restart({ isNewHostKey: true });
      const runsBefore = sshd.invocations().length;
      const loginsBefore = countLogins(sshd.log());
      const presented = sshd.hostKeyFingerprint;
      expect(presented).not.toBe(pinned);
      const result = await connect(sshd, { pinnedHostKey: pinned });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: "HOST_KEY_CHANGED",
          detail: { expectedFingerprint: pinned, presentedFingerprint: presented },
        },
      });
      expect(sshd.invocations()).toHaveLength(runsBefore);
      expect(countLogins(sshd.log())).toBe(loginsBefore);
      const accepted = await connect(sshd, { pinnedHostKey: presented });
      expect(accepted).toMatchObject({ ok: true, hostKeyFingerprint: presented });
    });
  },
);
