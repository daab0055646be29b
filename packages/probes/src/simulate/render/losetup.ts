/**
 * `losetup --list --json` (util-linux 2.37+: numbers and booleans unquoted). With no loop
 * device attached losetup prints nothing at all, not an empty table.
 */
import type { HostModel } from "../model";
import { renderSmartcolsJson } from "./smartcols-json";

export function renderLosetup(host: HostModel): string {
  if (host.loops.length === 0) return "";
  const rows = host.loops.map((loop) => ({
    fields: [
      ["name", `/dev/${loop.name}`],
      ["sizelimit", 0],
      ["offset", 0],
      ["autoclear", loop.isAutoclear],
      ["ro", loop.isReadOnly],
      ["back-file", loop.backFile],
      ["dio", loop.isDirectIo],
      ["log-sec", 512],
    ] as Array<[string, string | number | boolean]>,
    children: [],
  }));
  return renderSmartcolsJson("loopdevices", rows);
}
