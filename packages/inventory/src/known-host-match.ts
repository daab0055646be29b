/*
 * Whether a known_hosts entry covers a host, as OpenSSH's hostfile.c decides. Hosts on a port
 * other than 22 are written `[host]:port`. A hashed entry (`ssh-keygen -H`, HashKnownHosts yes)
 * is `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, so the name can only be tested, not read.
 */
import { createHmac } from "node:crypto";
import { DEFAULT_SSH_PORT } from "./host-fields";
import { decodeBase64 } from "./ssh-key-blob";
import { matchPatternList } from "./ssh-pattern";

const HASH_MAGIC = "|1|";
const SHA1_BYTES = 20;

export type HashedHost = { salt: Buffer; hash: Buffer };

export function isHashedHost(pattern: string): boolean {
  return pattern.startsWith("|");
}

/** Parses `|1|salt|hash`; null when the field is not a well-formed hashed name. */
export function parseHashedHost(field: string): HashedHost | null {
  if (!field.startsWith(HASH_MAGIC)) return null;
  const [saltText = "", hashText = "", ...rest] = field.slice(HASH_MAGIC.length).split("|");
  const salt = decodeBase64(saltText);
  const hash = decodeBase64(hashText);
  if (rest.length > 0 || salt?.length !== SHA1_BYTES || hash?.length !== SHA1_BYTES) return null;
  return { salt, hash };
}

/** The name ssh looks up: plain for port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number = DEFAULT_SSH_PORT): string {
  const name = host.toLowerCase();
  return port === DEFAULT_SSH_PORT ? name : `[${name}]:${port}`;
}

/** True when the entry's host field covers `host` on `port` (call it again with the IP, as
 * ssh's CheckHostIP does, to match entries written for the address). */
export function matchesKnownHost(
  entry: { hosts: readonly string[] },
  host: string,
  port: number = DEFAULT_SSH_PORT,
): boolean {
  const name = knownHostName(host, port);
  const [first] = entry.hosts;
  if (first !== undefined && isHashedHost(first)) {
    const hashed = parseHashedHost(first);
    if (hashed === null) return false;
    const digest = createHmac("sha1", hashed.salt).update(name).digest();
    return digest.equals(hashed.hash);
  }
  return matchPatternList(name, entry.hosts);
}
