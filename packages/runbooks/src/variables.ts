import { BLOCK_DEVICE_NAME_ALTERNATION } from "@holmes/core";
import type { BindingValue, VariableKind } from "./types";

/**
 * One strict pattern per variable kind. Values come from findings (that is, from hosts, which are
 * not trusted) and from people typing at 3 a.m.; a value is bound only when its kind's pattern
 * accepts it, and is shell-quoted on top of that. None of these patterns admits a shell
 * metacharacter, a quote, whitespace other than a plain space in `text`, or a `..`.
 */

const BLOCK_DEVICE = new RegExp(`^/dev/(?:${BLOCK_DEVICE_NAME_ALTERNATION})$`);
/** `/dev/md0`, `/dev/md_d0`, `/dev/md0p1` or an mdadm name link `/dev/md/data`. */
const MD_DEVICE =
  /^\/dev\/(?:md[0-9]{1,4}(?:p[0-9]{1,3})?|md_[A-Za-z0-9_]{1,28}|md\/[A-Za-z0-9_:-][A-Za-z0-9_.:-]{0,63})$/;
/** RFC 1123 labels; Holmes host names are also inventory names, which follow the same rule. */
const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Absolute path of plain segments; `.`/`..` segments are refused separately. */
const ABSOLUTE_PATH = /^(?:\/[A-Za-z0-9_.,+@:=-]{1,255}){1,32}$|^\/$/;
/** lvm(8) VALID NAMES. */
const LVM_NAME = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]{0,126}$/;
/** lvm(8): LV names may not start with these, nor contain `_mlog`-style internal suffixes. */
const RESERVED_LV =
  /^(?:snapshot|pvmove)|_(?:cdata|cmeta|corig|mlog|mimage|pmspare|rimage|rmeta|tdata|tmeta|vorigin|vdata)/;
const INTEGER = /^(?:0|[1-9][0-9]{0,5})$/;
const TEXT = /^[A-Za-z0-9_.,:@+=/ -]{1,200}$/;

type KindRule = { describe: string; accepts: (value: string) => boolean };

const hasDotSegment = (path: string) =>
  path.split("/").some((part) => part === "." || part === "..");

const absolutePath = (value: string) => ABSOLUTE_PATH.test(value) && !hasDotSegment(value);

export const VARIABLE_KINDS: Readonly<Record<VariableKind, KindRule>> = {
  host: { describe: "a host name such as db1.example.org", accepts: (v) => HOST.test(v) },
  "md-device": {
    describe: "an md array such as /dev/md0 or /dev/md/data",
    accepts: (v) => MD_DEVICE.test(v) && !v.includes(".."),
  },
  "block-device": {
    describe: "a block device such as /dev/sdb1 or /dev/nvme0n1",
    accepts: (v) => BLOCK_DEVICE.test(v),
  },
  "block-devices": {
    describe: "block devices separated by spaces, such as /dev/sdb1 /dev/sdc1",
    accepts: (v) => splitList(v) !== null,
  },
  "mount-path": { describe: "an absolute mount point such as /srv/nfs", accepts: absolutePath },
  path: { describe: "an absolute path such as /root/md0.backup", accepts: absolutePath },
  "vg-name": {
    describe: "an LVM volume group name such as vg0",
    accepts: (v) => LVM_NAME.test(v) && v !== "." && v !== "..",
  },
  "lv-name": {
    describe: "an LVM logical volume name such as data",
    accepts: (v) => LVM_NAME.test(v) && v !== "." && v !== ".." && !RESERVED_LV.test(v),
  },
  integer: { describe: "a whole number from 0 to 999999", accepts: (v) => INTEGER.test(v) },
  text: {
    describe: "up to 200 letters, digits, spaces or _.,:@+=/-",
    accepts: (v) => TEXT.test(v) && !v.includes(".."),
  },
};

const MAX_LIST = 64;

/** `block-devices` text → its devices, or null unless 1-64 distinct valid devices. */
function splitList(text: string): string[] | null {
  if (!/^[A-Za-z0-9_/ ,]*$/.test(text)) return null;
  return checkList(text.split(/[ ,]+/).filter(Boolean));
}

function checkList(items: readonly string[]): string[] | null {
  const isValid =
    items.length > 0 &&
    items.length <= MAX_LIST &&
    new Set(items).size === items.length &&
    items.every((item) => BLOCK_DEVICE.test(item));
  return isValid ? [...items] : null;
}

export const isListKind = (kind: VariableKind) => kind === "block-devices";

/**
 * A value made ready to bind: the text checked against the kind's pattern, and for a list kind
 * split into its items (typed as `/dev/sdb1 /dev/sdc1` or `/dev/sdb1,/dev/sdc1`, or given as an
 * array). Outer whitespace is dropped: it is what a paste drags along.
 */
export function toBindingValue(
  kind: VariableKind,
  raw: string | readonly string[],
): { ok: true; value: BindingValue } | { ok: false; message: string } {
  if (isListKind(kind)) {
    const items = typeof raw === "string" ? splitList(raw.trim()) : checkList(raw);
    if (items) return { ok: true, value: items };
    const shown = JSON.stringify((typeof raw === "string" ? raw : raw.join(" ")).slice(0, 80));
    return { ok: false, message: `expected ${VARIABLE_KINDS[kind].describe}, got ${shown}` };
  }
  if (typeof raw !== "string") return { ok: false, message: "expected one value, got a list" };
  const value = raw.trim();
  const error = checkVariableValue(kind, value);
  return error ? { ok: false, message: error } : { ok: true, value };
}

export function isVariableKind(value: string): value is VariableKind {
  return Object.hasOwn(VARIABLE_KINDS, value);
}

/** Null when the value is acceptable for the kind, else a message that says what was expected. */
export function checkVariableValue(kind: VariableKind, value: string): string | null {
  const rule = VARIABLE_KINDS[kind];
  if (rule.accepts(value)) return null;
  return `expected ${rule.describe}, got ${JSON.stringify(value.slice(0, 80))}`;
}
