/*
 * Which host keys a known_hosts import would pin. The collector connects to a host's address
 * and port, so entries are matched on those (and on the host's name, as ssh does when the name
 * is what was typed). Holmes pins one key per host: the one the collector will be shown first,
 * by its host key algorithm order (ed25519, then ECDSA, then RSA; see probes' ssh/connect.ts).
 * A host that already has a different key pinned is left alone: changing a pinned key is the
 * audited "accept new key" action, not an import side effect.
 */
import type { ImportProblem } from "./host-entry";
import { quote } from "./host-fields";
import { matchesKnownHost } from "./known-host-match";
import { importKnownHosts, type KnownHostEntry } from "./known-hosts";
import { lineExcerpt, splitLines } from "./problem-log";

const COLLECTOR_KEY_ORDER = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa",
];

export type KeyedHost = {
  name: string;
  address: string;
  port: number;
  pinnedHostKey: string | null;
  isSimulated: boolean;
};
export type PlannedPin = { name: string; line: number; keyType: string; fingerprint: string };
export type SkippedPin = { name: string; line: number; reason: string };
export type HostKeyPlan = { pin: PlannedPin[]; skip: SkippedPin[]; problems: ImportProblem[] };

export function planHostKeyPins(text: string, hosts: readonly KeyedHost[]): HostKeyPlan {
  const imported = importKnownHosts(text);
  const lines = splitLines(text);
  const plan: HostKeyPlan = { pin: [], skip: [], problems: [...imported.problems] };
  const used = new Set<KnownHostEntry>();
  for (const host of hosts) {
    const entries = imported.entries.filter((entry) => covers(entry, host));
    for (const entry of entries) used.add(entry);
    const usable = entries
      .filter((entry) => COLLECTOR_KEY_ORDER.includes(entry.keyType))
      .sort((a, b) => rank(a) - rank(b) || a.line - b.line);
    const [best] = usable;
    if (best === undefined) continue;
    const reason = skipReason(host, usable);
    if (reason !== null) plan.skip.push({ name: host.name, line: best.line, reason });
    else plan.pin.push({ name: host.name, line: best.line, ...keyOf(best) });
  }
  for (const entry of imported.entries) {
    if (used.has(entry)) continue;
    plan.problems.push({
      line: entry.line,
      severity: "warning",
      message: `${quote(entry.hosts.join(","))} matches no host in the inventory; not pinned`,
      text: lineExcerpt(lines, entry.line),
    });
  }
  plan.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return plan;
}

function covers(entry: KnownHostEntry, host: KeyedHost): boolean {
  return (
    matchesKnownHost(entry, host.address, host.port) ||
    matchesKnownHost(entry, host.name, host.port)
  );
}

function rank(entry: KnownHostEntry): number {
  return COLLECTOR_KEY_ORDER.indexOf(entry.keyType);
}

function keyOf(entry: KnownHostEntry) {
  return { keyType: entry.keyType, fingerprint: entry.fingerprint };
}

function skipReason(host: KeyedHost, usable: readonly KnownHostEntry[]): string | null {
  if (host.isSimulated) return "a simulated host: its key is pinned on first poll";
  if (host.pinnedHostKey === null) return null;
  if (usable.some((entry) => entry.fingerprint === host.pinnedHostKey)) {
    return "this key is already pinned";
  }
  return `a different key (${host.pinnedHostKey}) is pinned; accept a new key from the fleet page`;
}
