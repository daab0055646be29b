/**
 * The columns asked of LVM too old for `--reportformat json` (before 2.02.158: RHEL 5 and 6),
 * in this order, every one known to LVM 2.02.88 (RHEL 5.11). No value holds the separator: names
 * are [A-Za-z0-9+_.-], and `devices` joins its items with commas.
 */
export const LVM_COLUMN_FIELDS = {
  pv: ["pv_name", "vg_name", "pv_fmt", "pv_attr", "pv_size", "pv_free", "pv_uuid"],
  vg: [
    "vg_name",
    "vg_uuid",
    "vg_attr",
    "vg_size",
    "vg_free",
    "vg_extent_size",
    "vg_extent_count",
    "vg_free_count",
    "pv_count",
    "lv_count",
    "snap_count",
    "vg_seqno",
  ],
  lv: ["vg_name", "lv_name", "lv_uuid", "lv_attr", "lv_size", "origin", "copy_percent", "devices"],
} as const;
export const LVM_COLUMN_SEPARATOR = "|";
/** `--noheadings --separator | --units b --nosuffix -o <fields>`: sizes in bytes, no padding. */
export const lvmColumnArguments = (fields: readonly string[]) => [
  "--noheadings",
  "--separator",
  LVM_COLUMN_SEPARATOR,
  "--units",
  "b",
  "--nosuffix",
  "-o",
  fields.join(","),
];
