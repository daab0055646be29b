import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../..");
const bin = join(root, "apps/cli/bin/holmes.mjs");
const sharedMdstat = join(
  root,
  "../shared/fixtures/mdstat/pymdstat-07-raid1-6slot-faulty-member-degraded.txt",
);

function holmes(
  args: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root },
      (error, stdout, stderr) => {
        resolveRun({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? "");
  });
}

const DEGRADED = `Personalities : [raid1]
md0 : active raid1 sdb1[1](F) sda1[0]
      976630336 blocks super 1.2 [2/1] [U_]
      bitmap: 2/8 pages [8KB], 65536KB chunk

unused devices: <none>
`;

describe("holmes parse", () => {
  it("prints the mdstat JSON other tools rely on", async () => {
    const result = await holmes(["parse", "mdstat", "-"], DEGRADED);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.arrays[0]).toMatchObject({
      name: "md0",
      state: "active",
      level: "raid1",
      readOnly: false,
      raidDisks: 2,
      activeDisks: 1,
      degraded: true,
      sync: null,
    });
    expect(report.arrays[0].members).toEqual([
      expect.objectContaining({ device: "sdb1", slot: 1, faulty: true, spare: false }),
      expect.objectContaining({ device: "sda1", slot: 0, faulty: false, spare: false }),
    ]);
  }, 30_000);

  it.runIf(existsSync(sharedMdstat))(
    "parses a real capture from a file",
    async () => {
      const result = await holmes(["parse", "mdstat", sharedMdstat]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).arrays[0]).toMatchObject({
        name: "md1",
        raidDisks: 6,
        activeDisks: 4,
      });
    },
    30_000,
  );

  it("exits 2 with the line number for malformed input", async () => {
    const result = await holmes(
      ["parse", "mdstat", "-"],
      "Personalities : [raid1]\nmd0 : active raid1 sda1[0]\n      12 blocks garbage\n",
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toMatch(
      /^holmes parse mdstat: line 3: expected .+, got "garbage"$/,
    );
  }, 30_000);

  it("exits 2 naming the formats for an unknown one", async () => {
    const result = await holmes(["parse", "nonsense", "-"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("formats: mdstat, mdadm-detail");
  }, 30_000);
});
