/*
 * Imports an OpenSSH known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT") so host keys can
 * be pinned before the first poll:
 *
 *   stor-01.example.com,10.0.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... root@stor-01
 *   [nas01.example.com]:2222 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAy...
 *   |1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= ssh-rsa AAAAB3NzaC1yc2E...
 *
 * `@cert-authority` and `@revoked` lines are not imported; a key marked `@revoked` anywhere in
 * the file is not imported from any other line either.
 */
import type { ImportProblem } from "./host-entry";
import { quote } from "./host-fields";
import { isHashedHost, parseHashedHost } from "./known-host-match";
import { ProblemLog, splitLines } from "./problem-log";
import { decodePublicKey, sshKeyFingerprint } from "./ssh-key-blob";

export type KnownHostEntry = {
  /** Host patterns as written: names, `[host]:port`, wildcards, `!negations`, or one `|1|` hash. */
  hosts: string[];
  keyType: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  line: number;
};
export type KnownHostsImport = { entries: KnownHostEntry[]; problems: ImportProblem[] };

type ParsedLine =
  | { kind: "blank" }
  | { kind: "entry"; entry: KnownHostEntry }
  | { kind: "@revoked" | "@cert-authority"; fingerprint: string };

export function importKnownHosts(text: string): KnownHostsImport {
  const log = new ProblemLog(text);
  const entries: KnownHostEntry[] = [];
  const revoked = new Map<string, number>();
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const parsed = parseKnownHostLine(raw, line);
    if (typeof parsed === "string") {
      log.error(line, `${parsed}; line skipped`);
    } else if (parsed.kind === "entry") {
      entries.push(parsed.entry);
    } else if (parsed.kind === "@revoked") {
      const key = parsed.fingerprint;
      log.warn(line, `@revoked lines are not imported; key ${key} is not pinned from any line`);
      if (!revoked.has(key)) revoked.set(key, line);
    } else if (parsed.kind === "@cert-authority") {
      log.warn(line, "@cert-authority lines are not imported; Holmes pins host keys, not CAs");
    }
  });
  const kept = entries.filter((entry) => {
    const revokedOn = revoked.get(entry.fingerprint);
    if (revokedOn === undefined) return true;
    log.error(entry.line, `this key is marked @revoked on line ${revokedOn}; not imported`);
    return false;
  });
  return { entries: kept, problems: log.finish() };
}

/** One line, or why it is unusable. */
function parseKnownHostLine(raw: string, line: number): ParsedLine | string {
  const trimmed = raw.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return { kind: "blank" };
  const fields = trimmed.split(/[ \t]+/);
  const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined;
  const [hostField = "", keyType = "", key = ""] = fields;
  if (marker !== undefined && marker !== "@cert-authority" && marker !== "@revoked") {
    return `unknown marker ${quote(marker)}`;
  }
  if (key === "") return 'this line is not "hosts key-type key"';
  if (/^\d+$/.test(keyType)) return "SSH-1 keys (bits exponent modulus) are not supported";
  const decoded = decodePublicKey(keyType, key);
  if (!decoded.ok) return decoded.reason;
  const fingerprint = sshKeyFingerprint(decoded.blob);
  if (marker !== undefined) return { kind: marker, fingerprint };
  const hosts = readHostField(hostField);
  if (typeof hosts === "string") return hosts;
  return { kind: "entry", entry: { hosts, keyType, fingerprint, line } };
}

/** The host patterns, or why the field is unusable. */
function readHostField(field: string): string[] | string {
  if (isHashedHost(field)) {
    const isValid = parseHashedHost(field) !== null;
    return isValid ? [field] : `${quote(field)} is not a valid |1|salt|hash name`;
  }
  const hosts = field.split(",");
  const hasEmpty = hosts.some((host) => host === "" || host === "!");
  return hasEmpty ? `the host list ${quote(field)} has an empty name` : hosts;
}
