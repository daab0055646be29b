import { KERNEL_EVENT_KINDS } from "@holmes/core";
import type { CheckProbe, ExpectationKind } from "../types";

/**
 * The shape of every expectation as data: which probe's output it reads and which fields it
 * takes. The check-block parser validates against this table and `evaluate.ts` implements one
 * function per entry, so adding an expectation is one row here, one type in types.ts and one
 * evaluator.
 */

export type ExpectationFieldType =
  /** A device, array, mount point, VG/LV name or option: a template, compared as text. */
  | "text"
  | "text-list"
  | "boolean"
  /** A whole number, or a lone `{{variable}}` whose bound value must be one (see ExpectedCount). */
  | "count"
  | "kernel-events"
  | "md-state"
  /** A dotted kernel version such as 2.6.21. */
  | "version";

export type ExpectationFieldSpec = { type: ExpectationFieldType; required: boolean };

export type ExpectationSpec = {
  probe: CheckProbe;
  /** For probes with a report choice (lvm): the report this expectation needs. */
  report?: string;
  /** Field names in camelCase; YAML spells them in snake_case (`readOnly` → `read_only`). */
  fields: Readonly<Record<string, ExpectationFieldSpec>>;
  /** At least one of these must be given (an expectation that asserts nothing always passes). */
  atLeastOne?: readonly string[];
};

const required = (type: ExpectationFieldType): ExpectationFieldSpec => ({ type, required: true });
const optional = (type: ExpectationFieldType): ExpectationFieldSpec => ({ type, required: false });

/** The largest count an expectation may compare (counts are disks, sectors, retransmissions). */
export const MAX_EXPECTED_COUNT = 1_000_000_000;

export const MD_ARRAY_STATES = ["active", "inactive", "broken"] as const;
export { KERNEL_EVENT_KINDS };

export const EXPECTATIONS: Readonly<Record<ExpectationKind, ExpectationSpec>> = {
  "array-state": {
    probe: "mdstat",
    fields: {
      array: required("text"),
      state: optional("md-state"),
      readOnly: optional("boolean"),
      degraded: optional("boolean"),
      activeDisks: optional("count"),
      raidDisks: optional("count"),
      level: optional("text"),
    },
  },
  "array-absent": { probe: "mdstat", fields: { array: required("text") } },
  "sync-progressing": { probe: "mdstat", fields: { array: required("text") } },
  "sync-progressing-or-complete": { probe: "mdstat", fields: { array: required("text") } },
  "sync-idle": { probe: "mdstat", fields: { array: required("text") } },
  "devices-unused": { probe: "mdstat", fields: { devices: required("text-list") } },
  "detail-state": {
    probe: "mdadm-detail",
    fields: {
      includes: optional("text-list"),
      excludes: optional("text-list"),
      activeDevices: optional("count"),
      workingDevices: optional("count"),
      failedDevices: optional("count"),
      raidDevices: optional("count"),
    },
    atLeastOne: [
      "includes",
      "excludes",
      "activeDevices",
      "workingDevices",
      "failedDevices",
      "raidDevices",
    ],
  },
  "member-state": {
    probe: "mdadm-detail",
    fields: {
      device: required("text"),
      present: required("boolean"),
      flags: optional("text-list"),
    },
  },
  superblock: { probe: "mdadm-examine", fields: { present: required("boolean") } },
  mounted: {
    probe: "mountinfo",
    fields: { path: required("text"), fstype: optional("text"), readOnly: optional("boolean") },
  },
  "not-mounted": { probe: "mountinfo", fields: { path: required("text") } },
  "no-nfs-mount-with-option": { probe: "mountinfo", fields: { option: required("text") } },
  "nfs-retransmissions-steady": {
    probe: "mountstats",
    fields: { path: optional("text"), maxIncrease: required("count") },
  },
  "loop-attached": {
    probe: "losetup",
    fields: { device: required("text"), backFile: optional("text") },
  },
  "loop-detached": { probe: "losetup", fields: { device: required("text") } },
  "vg-present": { probe: "lvm", report: "vgs", fields: { vg: required("text") } },
  "lv-active": {
    probe: "lvm",
    report: "lvs",
    fields: { vg: required("text"), lv: required("text") },
  },
  "smart-healthy": {
    probe: "smartctl",
    fields: { maxReallocated: optional("count"), maxPending: optional("count") },
  },
  "no-kernel-events": {
    probe: "kmsg",
    fields: { events: required("kernel-events"), device: optional("text") },
  },
  "kernel-at-least": { probe: "uname", fields: { version: required("version") } },
};

export function isExpectationKind(name: string): name is ExpectationKind {
  return Object.hasOwn(EXPECTATIONS, name);
}

export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
