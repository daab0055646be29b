/*
 * The per-array lines of /proc/mdstat after the header: the status ("blocks") line, the
 * resync/recovery progress line and the bitmap line. Formats follow drivers/md/md.c
 * (md_seq_show, status_resync), raid0/1/5/10 *_status() and md-bitmap.c (bitmap_status).
 */
import type {
  MdRaid10Layout,
  MdstatArray,
  MdstatBitmap,
  MdstatMember,
  MdstatSync,
} from "@holmes/core";
import { type LineIssue, lookup, toCount, toDecimal } from "./md-fields";

const MEMBER = /^([^\s[\]()]+)\[(\d+)\]((?:\([A-Z]\))*)$/;

/** `sdb1[1](W)(F)` → member; null when the token is not a member. */
export function parseMember(token: string): MdstatMember | null {
  const match = MEMBER.exec(token);
  const slot = match ? toCount(match[2] ?? "") : null;
  if (!match || slot === null) return null;
  // Most members carry no flags at all; they skip the flag checks.
  const flags = match[3] ?? "";
  const hasFlags = flags !== "";
  if (hasFlags && /\([^FSWRJ]\)/.test(flags)) return null;
  return {
    device: match[1] ?? "",
    slot,
    faulty: hasFlags && flags.includes("(F)"),
    spare: hasFlags && flags.includes("(S)"),
    writeMostly: hasFlags && flags.includes("(W)"),
    replacement: hasFlags && flags.includes("(R)"),
    journal: hasFlags && flags.includes("(J)"),
  };
}

/** `super external:/md127/0` (or `external:-md127/0` while mdmon blocks it) names a container. */
function applySuper(array: MdstatArray, version: string): void {
  array.superVersion = version;
  if (!version.startsWith("external:")) return;
  const member = /^external:[-/]([^/]+)\/(.+)$/.exec(version);
  if (member) {
    array.containerName = member[1] ?? null;
    array.containerMember = member[2] ?? null;
  } else {
    array.isContainer = true;
  }
}

function applyCounts(array: MdstatArray, counts: string, status: string): number {
  const n = /^\[(\d+)\/(\d+)\]$/.exec(counts);
  const flags = /^\[([U_]*)\]$/.exec(status);
  const raidDisks = n ? toCount(n[1] ?? "") : null;
  const activeDisks = n ? toCount(n[2] ?? "") : null;
  const statusString = flags?.[1];
  if (raidDisks === null || activeDisks === null || statusString === undefined) return 0;
  // The kernel prints one flag per raid disk, and m = n - degraded.
  if (statusString.length !== raidDisks || activeDisks > raidDisks) return 0;
  array.raidDisks = raidDisks;
  array.activeDisks = activeDisks;
  array.statusString = statusString;
  return 2;
}

const COPIES: Record<string, keyof MdRaid10Layout> = {
  "near-copies": "nearCopies",
  "far-copies": "farCopies",
  "offset-copies": "offsetCopies",
};

function applyNumbered(array: MdstatArray, amount: number, tokens: string[], i: number): number {
  const next = tokens[i + 1] ?? "";
  const copies = lookup(COPIES, next);
  const layout = array.layout ?? {
    nearCopies: null,
    farCopies: null,
    offsetCopies: null,
    devicesPerSet: null,
  };
  if (copies) {
    array.layout = { ...layout, [copies]: amount };
    return 2;
  }
  if (next === "devices" && tokens[i + 2] === "per" && tokens[i + 3] === "set") {
    array.layout = { ...layout, devicesPerSet: amount };
    return 4;
  }
  return 0;
}

function applySized(array: MdstatArray, amount: number, next: string): number {
  if (next === "chunk," || next === "chunks" || next === "chunk") {
    array.chunkKb = amount;
    return 2;
  }
  if (next === "rounding") {
    array.roundingKb = amount;
    return 2;
  }
  return 0;
}

/** Consumes one field of the status line; returns how many tokens it used (0 = unknown). */
function applyStatusField(array: MdstatArray, tokens: string[], i: number): number {
  const token = tokens[i] ?? "";
  const next = tokens[i + 1] ?? "";
  if (token === "super" && next !== "") {
    applySuper(array, next);
    return 2;
  }
  if (token === "level" && /^\d+,$/.test(next)) return 2;
  if (token === "algorithm") {
    array.algorithm = toCount(next);
    return array.algorithm === null ? 0 : 2;
  }
  if (token.startsWith("[")) return applyCounts(array, token, next);
  // raid0/raid5 print "64k chunk(s)", raid10 "512K chunks", linear "0k rounding".
  const sized = /^(\d+)[kK]$/.exec(token);
  const sizedAmount = sized ? toCount(sized[1] ?? "") : null;
  if (sizedAmount !== null) return applySized(array, sizedAmount, next);
  const amount = toCount(token);
  return amount === null ? 0 : applyNumbered(array, amount, tokens, i);
}

/** `      8387520 blocks super 1.0 level 5, 64k chunk, algorithm 2 [3/3] [UUU]` */
export function applyBlocksLine(array: MdstatArray, line: string): LineIssue | null {
  const tokens = line.trim().split(/\s+/);
  const blocks = toCount(tokens[0] ?? "");
  if (blocks === null || tokens[1] !== "blocks") {
    return { expected: '"<n> blocks" status line', got: line.trim() };
  }
  array.blocks = blocks;
  let i = 2;
  while (i < tokens.length) {
    const used = applyStatusField(array, tokens, i);
    if (used === 0) {
      const expected = (tokens[i] ?? "").startsWith("[")
        ? '"[n/m] [U_]" status with one flag per raid disk'
        : "mdstat status field (super, chunk, level, algorithm, copies, [n/m] [U_])";
      return { expected, got: tokens.slice(i, i + 2).join(" ") };
    }
    i += used;
  }
  return null;
}

const SYNC_ACTIONS = "(resync|recovery|check|repair|reshape)";
const RUNNING = new RegExp(
  `^\\s*(?:\\[[=>.]*\\]\\s*)?${SYNC_ACTIONS}\\s*=\\s*(\\d+(?:\\.\\d+)?)%\\s*\\((\\d+)\\/(\\d+)\\)` +
    "(?:\\s+finish=(\\d+(?:\\.\\d+)?)min)?(?:\\s+speed=(\\d+)K\\/sec)?\\s*$",
);
const WAITING = new RegExp(`^\\s*${SYNC_ACTIONS}\\s*=\\s*(DELAYED|PENDING|REMOTE)\\s*$`);
const SYNC_START = new RegExp(`^\\s*(?:\\[[=>.]*\\]\\s*)?${SYNC_ACTIONS}\\s*=`);

export function isSyncLine(line: string): boolean {
  return SYNC_START.test(line);
}

/** `[==>....]  recovery = 12.6% (37043392/292945152) finish=127.5min speed=33440K/sec` */
export function parseSyncLine(line: string): MdstatSync | null {
  // A running line always has a "%" and a waiting one never, so at most one regex matches; the
  // running one, by far the more common, is tried first.
  const match = RUNNING.exec(line);
  if (!match) return parseWaitingLine(line);
  const percent = toDecimal(match[2] ?? "");
  const doneBlocks = toCount(match[3] ?? "");
  const totalBlocks = toCount(match[4] ?? "");
  const finishMinutes = match[5] === undefined ? null : toDecimal(match[5]);
  const speedKBps = match[6] === undefined ? null : toCount(match[6]);
  if (percent === null || percent > 100 || doneBlocks === null || totalBlocks === null) return null;
  if ((match[5] !== undefined && finishMinutes === null) || (match[6] && speedKBps === null)) {
    return null;
  }
  const action = match[1] as MdstatSync["action"];
  return { action, state: "running", percent, doneBlocks, totalBlocks, finishMinutes, speedKBps };
}

/** `resync=DELAYED`, `recovery=PENDING`, `resync=REMOTE` (md-cluster). */
function parseWaitingLine(line: string): MdstatSync | null {
  const waiting = WAITING.exec(line);
  if (!waiting) return null;
  const state = (waiting[2] ?? "").toLowerCase() as "delayed" | "pending" | "remote";
  const action = waiting[1] as MdstatSync["action"];
  const none = { percent: null, doneBlocks: null, totalBlocks: null };
  return { action, state, ...none, finishMinutes: null, speedKBps: null };
}

const BITMAP =
  /^\s*bitmap: (\d+)\/(\d+) pages \[(\d+)KB\], (\d+)(KB|B) chunk(?:, file: (.*\S))?\s*$/;

/** `bitmap: 0/30 pages [0KB], 65536KB chunk[, file: /path]` */
export function parseBitmapLine(line: string): MdstatBitmap | null {
  const match = BITMAP.exec(line);
  if (!match) return null;
  const pagesUsed = toCount(match[1] ?? "");
  const pagesTotal = toCount(match[2] ?? "");
  const memoryKb = toCount(match[3] ?? "");
  const chunk = toCount(match[4] ?? "");
  if (pagesUsed === null || pagesTotal === null || memoryKb === null || chunk === null) {
    return null;
  }
  const chunkKb = match[5] === "B" ? chunk / 1024 : chunk;
  return { pagesUsed, pagesTotal, memoryKb, chunkKb, file: match[6] ?? null };
}
