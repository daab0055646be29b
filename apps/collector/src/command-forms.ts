/**
 * How Holmes reads a command run as `primary || fallback` when the two print different forms
 * (JSON from a current tool, text from an old one): each form with its own parser, both ending in
 * the same value. The poll (poll/normalize.ts) and the runbook check runner (checks/) read these
 * commands through this one table, so a check on an old host understands exactly what its poll
 * understands.
 */
import type { LoopDevice, LvmReport, MountEntry, ParseResult } from "@holmes/core";
import {
  type CommandInvocation,
  LVM_COLUMN_FIELDS,
  LVM_COLUMN_SEPARATOR,
} from "@holmes/probes/commands";
import {
  type LvmColumnsKind,
  parseLosetup,
  parseLosetupAll,
  parseLvmColumns,
  parseLvmReport,
  parseMountinfo,
} from "@holmes/probes/parsers";

/** One form of a command's output: the section id it arrives under and its parser. */
export type CommandForm<T> = { id: string; parser: (text: string) => ParseResult<T> };

export type FormsWithFallback<T> = { primary: CommandForm<T>; fallback: CommandForm<T> };

/** /proc/mounts, the fallback on kernels before mountinfo (2.6.26), has the same parser. */
export const MOUNT_FORMS: FormsWithFallback<MountEntry[]> = {
  primary: { id: "mountinfo", parser: parseMountinfo },
  fallback: { id: "proc-mounts", parser: parseMountinfo },
};

/** `losetup --list --json`, or `losetup -a` where util-linux predates JSON (RHEL 5–7.2). */
export const LOOP_FORMS: FormsWithFallback<LoopDevice[]> = {
  primary: { id: "losetup", parser: parseLosetup },
  fallback: { id: "losetup-all", parser: parseLosetupAll },
};

/** `pvs`/`vgs`/`lvs` as JSON, or their column report where LVM predates JSON (RHEL 5, 6). */
export function lvmForms(kind: LvmColumnsKind): FormsWithFallback<LvmReport> {
  const fields = LVM_COLUMN_FIELDS[kind];
  return {
    primary: { id: `${kind}s`, parser: parseLvmReport },
    fallback: {
      id: `${kind}s-columns`,
      parser: (text) => parseLvmColumns(text, kind, fields, LVM_COLUMN_SEPARATOR),
    },
  };
}

/**
 * The form that answered: the fallback's when its section is in the output (it runs only after
 * the primary failed, e.g. a tool too old for JSON), else the primary's.
 */
export function answeringForm<T>(
  forms: FormsWithFallback<T>,
  hasSection: (id: string) => boolean,
): CommandForm<T> {
  return hasSection(forms.fallback.id) ? forms.fallback : forms.primary;
}

/**
 * The forms of a fixed command whose fallback prints a different form, by the command's id; null
 * for any other command (one parser reads it, whichever of its commands answered).
 */
export function formsOf(invocation: CommandInvocation): FormsWithFallback<unknown> | null {
  switch (invocation.id) {
    case "mountinfo":
      return MOUNT_FORMS;
    case "losetup":
      return LOOP_FORMS;
    case "pvs":
      return lvmForms("pv");
    case "vgs":
      return lvmForms("vg");
    case "lvs":
      return lvmForms("lv");
    default:
      return null;
  }
}
