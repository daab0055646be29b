import { createHash } from "node:crypto";
import type { CurrentStateTable, HostSnapshot } from "@holmes/db/queries/fleet-state";

type Hashes = Partial<Record<CurrentStateTable, string>>;

const TABLES: ReadonlyArray<[CurrentStateTable, (s: HostSnapshot) => unknown[] | null]> = [
  ["arrays", (s) => s.arrays],
  ["members", (s) => s.members],
  ["disks", (s) => s.disks],
  ["mounts", (s) => s.mounts],
  ["loopDevices", (s) => s.loopDevices],
  ["volumeGroups", (s) => s.volumeGroups],
];

/** A content hash per current-state table; null for a table the snapshot does not carry. */
export function snapshotHashes(snapshot: HostSnapshot): Hashes {
  const hashes: Hashes = {};
  for (const [table, rowsOf] of TABLES) {
    const rows = rowsOf(snapshot);
    if (rows) hashes[table] = createHash("sha1").update(JSON.stringify(rows)).digest("base64");
  }
  return hashes;
}

type Written = { hashes: Hashes; at: number };

/**
 * What this process last wrote for each host, so an unchanged table is not rewritten. It is only
 * trusted while the database's last success for the host is this process's own write: if another
 * collector polled the host since (its job moved), or anything else wrote, the next write is full.
 */
export class WriteCache {
  readonly #written = new Map<string, Written>();

  unchanged(
    hostId: string,
    hashes: Hashes,
    lastSuccessInDatabase: Date | null,
  ): Set<CurrentStateTable> {
    const previous = this.#written.get(hostId);
    const same = new Set<CurrentStateTable>();
    if (!previous || previous.at !== lastSuccessInDatabase?.getTime()) return same;
    for (const [table, hash] of Object.entries(hashes) as [CurrentStateTable, string][]) {
      if (previous.hashes[table] === hash) same.add(table);
    }
    return same;
  }

  remember(hostId: string, hashes: Hashes, writtenAt: Date) {
    const previous = this.#written.get(hostId)?.hashes;
    this.#written.set(hostId, { hashes: { ...previous, ...hashes }, at: writtenAt.getTime() });
  }

  forget(hostId: string) {
    this.#written.delete(hostId);
  }
}
