/**
 * Answers one argv the way the host's shell would: the exact commands the collector sends
 * (packages/probes/src/commands/allowlist.ts), a `sudo -n` prefix tolerated. A tool the host
 * lacks is reported as missing (the composite prints its missing marker); one too old for the
 * options prints its usage error. Reachability is the caller's business.
 */
import type { HostModel } from "../model";
import { renderFstab, renderSfdisk } from "./files";
import { renderDmesg, renderJournalctl } from "./kernel-log";
import { renderLosetupAll, renderLvmColumns, renderProcMounts } from "./legacy-forms";
import { renderLosetup } from "./losetup";
import { renderLsblk } from "./lsblk";
import { renderLvmReport } from "./lvm";
import { renderMdadmDetail } from "./mdadm-detail";
import { renderMdadmExamine } from "./mdadm-examine";
import { mdadmConfPath, renderMdadmConf, renderMdadmScan } from "./mdadm-scan";
import { renderMdstat } from "./mdstat";
import { renderFindmnt, renderMountinfo } from "./mounts";
import { renderMountstats } from "./mountstats";
import { renderSmartctl, renderSmartctlScan } from "./smartctl";
import { renderVgcfgbackup } from "./vgcfgbackup";

export type CommandOutput = { stdout: string; exitCode: number } | { missing: true };

type Output = { stdout: string; exitCode: number };
/** `arg` is what the `*` of the pattern matched (a device, a VG, an epoch). */
type Handler = (host: HostModel, arg: string, argv: readonly string[], atMs: number) => Output;

const LSBLK =
  "lsblk -J -b -o NAME,KNAME,PATH,TYPE,SIZE,SERIAL,WWN,MODEL,FSTYPE,MOUNTPOINT,PKNAME,MAJ:MIN,RO,ROTA,TRAN";
const LVM = "--reportformat json --units b --nosuffix";
const LVM_COLUMNS = "--noheadings --separator | --units b --nosuffix -o *";

const ok = (stdout: string): Output => ({ stdout, exitCode: 0 });

/**
 * The forms every version of a tool understands: a host whose tool is too old for the JSON
 * options (`legacyCommands`) still answers these, which is why the collector falls back on them.
 */
const FALLBACK_FORMS: ReadonlyArray<[string, Handler]> = [
  ["cat /proc/mounts", (h) => ok(renderProcMounts(h))],
  ["losetup -a", (h) => ok(renderLosetupAll(h))],
  [`pvs ${LVM_COLUMNS}`, (h, _a, argv) => renderLvmColumns(h, "pv", argv)],
  [`vgs ${LVM_COLUMNS}`, (h, _a, argv) => renderLvmColumns(h, "vg", argv)],
  [`lvs ${LVM_COLUMNS}`, (h, _a, argv) => renderLvmColumns(h, "lv", argv)],
];

const TABLE: ReadonlyArray<[string, Handler]> = [
  ["cat /proc/mdstat", (h) => ok(renderMdstat(h))],
  [
    "cat /proc/self/mountinfo",
    (h) => (h.hasMountinfo ? ok(renderMountinfo(h)) : noFile("/proc/self/mountinfo")),
  ],
  ["cat /proc/self/mountstats", (h, _a, _v, at) => ok(renderMountstats(h, at))],
  ["cat /etc/os-release", (h) => (h.os.text === null ? noFile("/etc/os-release") : ok(h.os.text))],
  ["cat /etc/fstab", (h) => ok(renderFstab(h))],
  ["cat /etc/mdadm/mdadm.conf", (h) => mdadmConf(h, "/etc/mdadm/mdadm.conf")],
  ["cat /etc/mdadm.conf", (h) => mdadmConf(h, "/etc/mdadm.conf")],
  ["cat /etc/lvm/backup/*", vgBackup],
  ["uname -r", (h) => ok(`${h.kernel}\n`)],
  ["mdadm --detail --scan", (h) => ok(renderMdadmScan(h))],
  ["mdadm --detail *", mdadmDetail],
  ["mdadm --examine *", (h, dev) => renderMdadmExamine(h, dev)],
  ["smartctl --scan --json", (h, _a, argv) => ok(renderSmartctlScan(h, argv))],
  ["smartctl --scan --json=c", (h, _a, argv) => ok(renderSmartctlScan(h, argv))],
  ["smartctl --json=c -x --nocheck=standby *", (h, _a, argv, at) => renderSmartctl(h, argv, at)],
  ["smartctl --json -x --nocheck=standby *", (h, _a, argv, at) => renderSmartctl(h, argv, at)],
  ["smartctl --json=c -x *", (h, _a, argv, at) => renderSmartctl(h, argv, at)],
  [LSBLK, (h) => ok(renderLsblk(h))],
  ["findmnt -J", (h) => ok(renderFindmnt(h))],
  ["losetup --list --json", (h) => ok(renderLosetup(h))],
  [`pvs ${LVM}`, (h) => ok(renderLvmReport(h, "pv"))],
  [`vgs ${LVM}`, (h) => ok(renderLvmReport(h, "vg"))],
  [`lvs ${LVM}`, (h) => ok(renderLvmReport(h, "lv"))],
  ["journalctl -k -o short-iso --since @* --no-pager", journal],
  ["dmesg", (h, _a, _v, at) => ok(renderDmesg(h, at))],
  ["sfdisk --dump *", (h, dev) => renderSfdisk(h, dev)],
];

/**
 * The commands whose output moves with the clock alone: SMART counters and temperatures and NFS
 * operation counts (clock.ts advances them), and the kernel log up to now. A host without a
 * scenario prints every other command the same at any time.
 */
const READS_CLOCK = new Set([
  "cat /proc/self/mountstats",
  "smartctl --json=c -x --nocheck=standby *",
  "smartctl --json -x --nocheck=standby *",
  "smartctl --json=c -x *",
  "journalctl -k -o short-iso --since @* --no-pager",
  "dmesg",
]);

const PATTERNS = [
  ...FALLBACK_FORMS.map(([pattern, handler]) => ({
    words: pattern.split(" "),
    handler,
    isUnderstoodByOldTools: true,
    readsClock: READS_CLOCK.has(pattern),
  })),
  ...TABLE.map(([pattern, handler]) => ({
    words: pattern.split(" "),
    handler,
    isUnderstoodByOldTools: false,
    readsClock: READS_CLOCK.has(pattern),
  })),
];

const withoutSudo = (argv: readonly string[]) =>
  argv[0] === "sudo" && argv[1] === "-n" ? argv.slice(2) : argv;

/** Whether `argv`'s output can change with time alone (see READS_CLOCK). */
export function readsClock(argv: readonly string[]): boolean {
  const words = withoutSudo(argv);
  return PATTERNS.some(
    (pattern) => pattern.readsClock && matchWords(pattern.words, words) !== null,
  );
}

export function renderCommand(
  host: HostModel,
  argv: readonly string[],
  at: Date | number,
): CommandOutput {
  const atMs = typeof at === "number" ? at : at.getTime();
  const words = withoutSudo(argv);
  const tool = words[0] ?? "";
  if (host.missingCommands.includes(tool)) return { missing: true };
  for (const { words: pattern, handler, isUnderstoodByOldTools } of PATTERNS) {
    const arg = matchWords(pattern, words);
    if (arg === null) continue;
    const legacy = isUnderstoodByOldTools ? undefined : host.legacyCommands[tool];
    return legacy
      ? { stdout: legacy.output, exitCode: legacy.exitCode }
      : handler(host, arg, words, atMs);
  }
  return { stdout: `sh: 1: ${tool}: not found\n`, exitCode: 127 };
}

/** The text the `*` word matched ("" for patterns without one), or null for no match. */
function matchWords(pattern: readonly string[], words: readonly string[]): string | null {
  if (pattern.length !== words.length) return null;
  let arg = "";
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] ?? "";
    const got = words[i] ?? "";
    const star = want.indexOf("*");
    if (star === -1) {
      if (want !== got) return null;
      continue;
    }
    const prefix = want.slice(0, star);
    const suffix = want.slice(star + 1);
    if (!got.startsWith(prefix) || !got.endsWith(suffix) || got.length <= want.length - 1)
      return null;
    arg = got.slice(prefix.length, got.length - suffix.length);
  }
  return arg;
}

function noFile(path: string): Output {
  return { stdout: `cat: ${path}: No such file or directory\n`, exitCode: 1 };
}

function mdadmConf(host: HostModel, path: string): Output {
  return mdadmConfPath(host) === path ? ok(renderMdadmConf(host)) : noFile(path);
}

function vgBackup(host: HostModel, name: string): Output {
  const vg = host.vgs.find((v) => v.name === name);
  return vg ? ok(renderVgcfgbackup(host, vg)) : noFile(`/etc/lvm/backup/${name}`);
}

function mdadmDetail(host: HostModel, device: string): Output {
  const name = device.replace(/^\/dev\/(?:md\/)?/, "");
  const array = host.mdArrays.find((a) => a.name === name || a.name === `md${name}`);
  if (!array)
    return { stdout: `mdadm: cannot open ${device}: No such file or directory\n`, exitCode: 1 };
  return ok(renderMdadmDetail(host, array));
}

function journal(host: HostModel, since: string, _argv: readonly string[], atMs: number): Output {
  return ok(renderJournalctl(host, Number.parseInt(since, 10), atMs));
}
