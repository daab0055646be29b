/*
 * From one findmnt row, by findmnt's column names, to a MountEntry: shared by the text forms
 * (findmnt.ts) and `-J` (findmnt-json.ts), which maps its keys onto the same names.
 */
import type { MountEntry, ParseResult } from "@holmes/core";
import { parsed } from "@holmes/core";
import { buildMountEntry, linkMountParents } from "./mountinfo";
import type { ReadNfsOptions } from "./nfs-options";

export type Row = Record<string, string>;

/** One row's columns (as findmnt names them) → entry; the JSON form maps its keys onto these. */
export function findmntRowToEntry(
  row: Row,
  parentTarget: string | null,
  nfsOptions: ReadNfsOptions,
): MountEntry {
  const deleted = (row.TARGET ?? "").endsWith(" (deleted)");
  const target = deleted ? (row.TARGET ?? "").slice(0, -" (deleted)".length) : (row.TARGET ?? "");
  const { source, root } = splitBindRoot(row.SOURCE ?? "");
  const majorMinor = row["MAJ:MIN"];
  const colon = majorMinor === undefined ? -1 : majorMinor.indexOf(":");
  return buildMountEntry(
    {
      source,
      target,
      fstype: row.FSTYPE ?? "",
      options: row.OPTIONS ?? "",
      root: row.FSROOT ?? root,
      mountId: toInt(row.ID),
      parentId: toInt(row.PARENT),
      major: colon === -1 ? null : toInt(majorMinor?.slice(0, colon)),
      minor: colon === -1 ? null : toInt(majorMinor?.slice(colon + 1)),
      parentTarget,
      deleted,
    },
    nfsOptions,
  );
}

/** `-o +ID,PARENT` and `-J` with ids give parents even for a flat list. */
export function withParents(entries: MountEntry[]): ParseResult<MountEntry[]> {
  linkMountParents(entries);
  return parsed(entries);
}

/** `/dev/mapper/root[/var/lib/docker]` → source and bind root; `[fe80::1]:/x` is left alone. */
function splitBindRoot(source: string): { source: string | null; root: string | null } {
  // The cheap test first: most sources have no bind root, and lastIndexOf is slow in V8.
  const open = source.endsWith("]") ? source.lastIndexOf("[/") : -1;
  if (open <= 0) return { source: source === "" ? null : source, root: null };
  return { source: source.slice(0, open), root: source.slice(open + 1, -1) };
}

/** `^\d{1,15}$` as a number, else null. */
function toInt(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 15) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value;
}
