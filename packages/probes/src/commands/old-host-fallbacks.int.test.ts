import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLosetupAll, parseLvmColumns, parseMountinfo } from "../parsers";
import { connectSsh } from "../ssh/connect";
import { clientOptions } from "../ssh/testing/client-options";
import { hasSshd, startTestSshd, type TestSshd } from "../ssh/testing/sshd";
import { LVM_COLUMN_FIELDS, LVM_COLUMN_SEPARATOR } from "./lvm-columns";
import { discoveryProbe } from "./poll-rounds";
import { splitProbeOutput } from "./probe-output";

/** What a RHEL 5 host prints: old tools refuse the JSON flags, the fallbacks answer. */
const OLD_HOST = {
  outputs: {
    mountinfo: "cat: /proc/self/mountinfo: No such file or directory\n",
    "proc-mounts":
      "rootfs / rootfs rw 0 0\n/dev/root / ext3 rw,data=ordered 0 0\n" +
      "fs1:/export/archive /mnt/archive nfs rw,vers=3,rsize=32768,wsize=32768,hard,intr,proto=tcp,timeo=600,retrans=2,sec=sys,addr=10.20.0.11 0 0\n",
    losetup: "losetup: unrecognized option `--list'\nusage:\n  losetup loop_device\n",
    "losetup-all": "/dev/loop0: [0016]:4099 (/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso)\n",
    pvs: "pvs: unrecognized option `--reportformat'\n  Error during parsing of command line.\n",
    vgs: "vgs: unrecognized option `--reportformat'\n  Error during parsing of command line.\n",
    lvs: "lvs: unrecognized option `--reportformat'\n  Error during parsing of command line.\n",
    "pvs-columns":
      "  /dev/sda2|VolGroup00|lvm2|a-|159802474496|0|Z1qTz7-Xm2w-p0Ll-Aa9t-Y3bc-7Ki4-Pd2cT1\n",
    "vgs-columns":
      "  VolGroup00|4Gk1Xq-2wYs-Zl9B-tM4r-EKq8-o1aY-3fHb8N|wz--n-|159786205184|0|33554432|4762|0|1|1|0|3\n",
    "lvs-columns":
      "  VolGroup00|LogVol00|Jb3xYv-1aB2-cD3e-F4gH-i5Jk-L6mN-8RtmQw|-wi-ao|159786205184|||/dev/sda2(0)\n",
  },
  exitCodes: { mountinfo: 1, losetup: 1, pvs: 3, vgs: 3, lvs: 3 },
  missingTools: ["lsblk", "findmnt", "journalctl", "smartctl"],
};

describe.runIf(hasSshd("old-host fallbacks (OpenSSH sshd)"))(
  "the discovery composite on an OpenSSH host with RHEL 5-era tools",
  { timeout: 60_000 },
  () => {
    let sshd: TestSshd;
    beforeAll(async () => {
      sshd = await startTestSshd();
    });
    afterAll(async () => {
      await sshd?.stop();
    });

    it("is accepted by the host's allowlist and runs each fallback after its refused primary", async () => {
      sshd.setCanned(OLD_HOST);
      const plan = discoveryProbe({ useSudo: true, kernelLogSinceEpochSeconds: 0 });
      const connection = await connectSsh(clientOptions(sshd));
      if (!connection.ok) throw new Error(connection.error.message);
      const result = await connection.transport.exec(plan.command, { timeoutMs: 20_000 });
      connection.transport.close();
      if (!result.ok) throw new Error(result.error.message);
      expect(sshd.invocations().at(-1)).toMatchObject({ isAccepted: true });
      const byId = new Map(splitProbeOutput(result.stdout).map((s) => [s.id, s]));
      for (const [primary, fallback] of [
        ["mountinfo", "proc-mounts"],
        ["losetup", "losetup-all"],
        ["pvs", "pvs-columns"],
        ["vgs", "vgs-columns"],
        ["lvs", "lvs-columns"],
      ] as const) {
        expect(byId.get(primary)?.exitCode, primary).not.toBe(0);
        expect(byId.get(fallback), fallback).toMatchObject({ exitCode: 0, isMissing: false });
      }
      const text = (id: string) => byId.get(id)?.output ?? "";
      expect(parseMountinfo(text("proc-mounts"))).toMatchObject({ ok: true });
      expect(parseLosetupAll(text("losetup-all"))).toMatchObject({
        ok: true,
        value: [{ name: "/dev/loop0" }],
      });
      const vgs = parseLvmColumns(
        text("vgs-columns"),
        "vg",
        LVM_COLUMN_FIELDS.vg,
        LVM_COLUMN_SEPARATOR,
      );
      expect(vgs).toMatchObject({ ok: true, value: { vgs: [{ vgName: "VolGroup00" }] } });
      // A primary that answers (mdadm.conf at the Debian path, here) runs no fallback.
      expect(byId.has("mdadm-conf")).toBe(false);
    });
  },
);
