import { createHash } from "node:crypto";
import type { EvidenceAlertState, HostState } from "@holmes/core";
import type { CurrentStateTable, HostSnapshot } from "@holmes/db/queries/fleet-state";
import type { HostHistory } from "@holmes/db/queries/host-history";

type Hashes = Partial<Record<CurrentStateTable, string>>;

const TABLES: ReadonlyArray<[CurrentStateTable, (s: HostSnapshot) => unknown[] | null]> = [
  ["arrays", (s) => s.arrays],
  ["members", (s) => s.members],
  ["disks", (s) => s.disks],
  ["mounts", (s) => s.mounts],
  ["loopDevices", (s) => s.loopDevices],
  ["volumeGroups", (s) => s.volumeGroups],
];

/**
 * How long a host's state followed in memory is trusted before it is read again: history
 * thinning, retention and deleted hosts change the database behind this process's back, and
 * this bounds how long such a change can go unseen by the findings.
 */
const STATE_TRUST_MS = 3_600_000;

/** A content hash per current-state table; null for a table the snapshot does not carry. */
export function snapshotHashes(snapshot: HostSnapshot): Hashes {
  const hashes: Hashes = {};
  for (const [table, rowsOf] of TABLES) {
    const rows = rowsOf(snapshot);
    if (rows) hashes[table] = rowsHash(rows);
  }
  return hashes;
}

/**
 * Hashes of frozen rows by identity. Rows a poll reuses from its host's last poll are frozen
 * (poll/poll-memory.ts freezes them all the way down), so their content is what it was when hashed.
 */
const frozenRowsHashes = new WeakMap<object, string>();

function rowsHash(rows: unknown[]): string {
  const known = frozenRowsHashes.get(rows);
  if (known !== undefined) return known;
  const hash = createHash("sha1").update(JSON.stringify(rows)).digest("base64");
  if (Object.isFrozen(rows)) frozenRowsHashes.set(rows, hash);
  return hash;
}

/** What the findings rules last read of a host, and the raw history the next poll extends. */
export type KnownHostState = {
  state: HostState;
  history: HostHistory;
  /** Its evidence alerts as last read (the vault adds them only with a capture). */
  evidenceAlerts: EvidenceAlertState[];
  /** When this was last read from the database; polls after it are followed in memory. */
  loadedAt: Date;
};

type Written = { hashes: Hashes; at: number };

/**
 * What this process last wrote for each host, so an unchanged table is not rewritten, and the
 * host's state after that write, so its findings need not read it back. Both are only trusted
 * while the database's last success for the host is this process's own write: if another
 * collector polled the host since (its job moved), or anything else wrote, the next write is
 * full and the state is read again.
 */
export class WriteCache {
  readonly #written = new Map<string, Written>();
  readonly #states = new Map<string, KnownHostState & { at: number }>();

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

  /** The host's state as this process's last write left it; null when that is not trusted. */
  knownState(hostId: string, lastSuccessInDatabase: Date | null, now: Date): KnownHostState | null {
    const known = this.#states.get(hostId);
    if (!known || known.at !== lastSuccessInDatabase?.getTime()) return null;
    if (now.getTime() - known.loadedAt.getTime() >= STATE_TRUST_MS) return null;
    return known;
  }

  rememberState(hostId: string, known: KnownHostState, writtenAt: Date) {
    this.#states.set(hostId, { ...known, at: writtenAt.getTime() });
  }

  /** After a failed or skipped poll: its error and backoff are not in the state kept here. */
  forgetState(hostId: string) {
    this.#states.delete(hostId);
  }

  forget(hostId: string) {
    this.#written.delete(hostId);
    this.#states.delete(hostId);
  }
}
