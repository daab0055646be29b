import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseMdadmExamine } from "@holmes/probes/parsers";
import { sharedFixturesDir } from "@holmes/probes/testing/fixtures";
import { describe, expect, it } from "vitest";
import { evaluateExpectation } from "./evaluate";
import {
  checkOutputWithoutParser,
  isNoMdSuperblock,
  mdadmExamineWithoutSuperblock,
} from "./examine-output";

// What mdadm prints, byte for byte as its format strings produce it (Examine.c pr_err,
// super-mbr.c examine_mbr "%12lu", super-gpt.c examine_gpt), stderr folded into stdout as the
// collector runs every command.
const NO_SUPERBLOCK = "mdadm: No md superblock detected on /dev/sdd1.\n";
const MBR_DISK = [
  "/dev/sdd:",
  "   MBR Magic : aa55",
  "Partition[0] :      1048576 sectors at         2048 (type fd)",
  "Partition[1] :   1952473088 sectors at      1050624 (type fd)",
  "",
].join("\n");
const GPT_PROTECTIVE_MBR = [
  "/dev/sde:",
  "   MBR Magic : aa55",
  "Partition[0] :   3907029167 sectors at            1 (type ee)",
  "",
].join("\n");
const GPT_DISK = [
  "/dev/nvme1n1:",
  "    GPT Magic : 5452415020494645",
  " GPT Revision : 65536",
  "  Partition[00] :         2048 sectors at      1050623",
  "  Partition[01] :      1052672 sectors at   1000215182",
  "",
].join("\n");
const MBR_NO_PARTITIONS = "/dev/sdf:\n   MBR Magic : aa55\n";

const superblockAbsent = { that: "superblock", present: false } as const;
const superblockPresent = { that: "superblock", present: true } as const;

describe("the probes parser on output without an md superblock", () => {
  // Why this module exists: the evidence parser rejects these, so a check must not parse them.
  it.each([NO_SUPERBLOCK, MBR_DISK, GPT_DISK])("rejects %j", (text) => {
    expect(parseMdadmExamine(text).ok).toBe(false);
  });
});

describe("mdadmExamineWithoutSuperblock", () => {
  it("recognises mdadm's no-superblock message", () => {
    expect(mdadmExamineWithoutSuperblock(NO_SUPERBLOCK)).toEqual({
      mdSuperblock: false,
      device: "/dev/sdd1",
      partitionTable: null,
      partitions: 0,
    });
  });

  it("recognises a whole disk with an MBR, a protective MBR or a GPT", () => {
    expect(mdadmExamineWithoutSuperblock(MBR_DISK)).toEqual({
      mdSuperblock: false,
      device: "/dev/sdd",
      partitionTable: "mbr",
      partitions: 2,
    });
    expect(mdadmExamineWithoutSuperblock(GPT_PROTECTIVE_MBR)).toMatchObject({
      partitionTable: "mbr",
      partitions: 1,
    });
    expect(mdadmExamineWithoutSuperblock(GPT_DISK)).toEqual({
      mdSuperblock: false,
      device: "/dev/nvme1n1",
      partitionTable: "gpt",
      partitions: 2,
    });
    expect(mdadmExamineWithoutSuperblock(MBR_NO_PARTITIONS)).toMatchObject({ partitions: 0 });
    expect(mdadmExamineWithoutSuperblock(MBR_DISK.replaceAll("\n", "\r\n"))).not.toBeNull();
  });

  it.each([
    ["empty output", ""],
    ["a missing device", "mdadm: cannot open /dev/sdz: No such file or directory\n"],
    ["sudo refusing", "sudo: a password is required\n"],
    ["the message with more output", `${NO_SUPERBLOCK}mdadm: something else\n`],
    ["an MBR dump with an unknown line", `${MBR_DISK}Magic : a92b4efc\n`],
    ["an MBR dump without its heading", MBR_DISK.split("\n").slice(1).join("\n")],
    ["an MBR partition number past 3", `${MBR_DISK}Partition[4] :  8 sectors at  9 (type 83)\n`],
    ["a GPT dump without its revision", GPT_DISK.replace(" GPT Revision : 65536\n", "")],
  ])("leaves %s to the parser", (_name, text) => {
    expect(mdadmExamineWithoutSuperblock(text)).toBeNull();
  });
});

describe("checkOutputWithoutParser", () => {
  it("only answers for mdadm-examine", () => {
    expect(checkOutputWithoutParser("mdadm-examine", NO_SUPERBLOCK)).toEqual({
      value: mdadmExamineWithoutSuperblock(NO_SUPERBLOCK),
    });
    expect(checkOutputWithoutParser("mdstat", NO_SUPERBLOCK)).toBeNull();
    expect(checkOutputWithoutParser("uname", MBR_DISK)).toBeNull();
  });
});

describe("the superblock expectation on a device without one", () => {
  const judge = (present: boolean, text: string) =>
    evaluateExpectation(
      present ? superblockPresent : superblockAbsent,
      checkOutputWithoutParser("mdadm-examine", text)?.value,
    );

  it("passes present: false on a blank partition and on a partitioned whole disk", () => {
    expect(judge(false, NO_SUPERBLOCK)).toEqual({
      passed: true,
      summary: "no md superblock on /dev/sdd1",
      details: [],
    });
    const disk = judge(false, MBR_DISK);
    expect(disk.passed).toBe(true);
    expect(disk.summary).toBe(
      "no md superblock on /dev/sdd (it holds an MBR partition table with 2 partition(s))",
    );
    expect(disk.details[0]).toContain("mdadm --examine each partition");
    expect(judge(false, GPT_DISK).summary).toContain("a GPT partition table");
  });

  it("fails present: true there", () => {
    expect(judge(true, NO_SUPERBLOCK).passed).toBe(false);
    expect(judge(true, GPT_PROTECTIVE_MBR).passed).toBe(false);
  });

  it("still accepts null for the no-superblock case", () => {
    expect(evaluateExpectation(superblockAbsent, null).passed).toBe(true);
  });

  it("fails closed on a look-alike value", () => {
    const fake = { mdSuperblock: false, device: 3, partitionTable: "zfs", partitions: -1 };
    expect(isNoMdSuperblock(fake)).toBe(false);
    expect(evaluateExpectation(superblockAbsent, fake).passed).toBe(false);
    expect(evaluateExpectation(superblockAbsent, undefined).passed).toBe(false);
  });
});

// Every real superblock dump in the shared corpus must go to the parser, never be mistaken for
// "no superblock".
const FIXTURES = sharedFixturesDir();
if (FIXTURES) {
  describe("real mdadm --examine captures with a superblock", () => {
    const directory = join(FIXTURES, "mdadm-examine");
    const files = readdirSync(directory).filter((name) => name.endsWith(".txt"));
    it.each(files)("%s is not taken for a missing superblock", (name) => {
      const text = readFileSync(join(directory, name), "utf8");
      expect(mdadmExamineWithoutSuperblock(text)).toBeNull();
      const parsed = parseMdadmExamine(text);
      if (parsed.ok) expect(evaluateExpectation(superblockAbsent, parsed.value).passed).toBe(false);
    });
  });
} else {
  it.skip("real mdadm --examine captures need ../shared/fixtures", () => {});
}
