/*
 * SSH public key blobs (RFC 4253 §6.6, RFC 8709, PROTOCOL.u2f): the base64 field of a
 * known_hosts or .pub line decodes to length-prefixed strings, the first of which repeats the
 * key type. Fingerprints are OpenSSH's default form, as `ssh-keygen -lf` prints them.
 */
import { createHash } from "node:crypto";

/** How many length-prefixed strings each host key type's blob holds, the type name included. */
const BLOB_FIELDS: Record<string, number> = {
  "ssh-ed25519": 2,
  "ssh-rsa": 3,
  "ssh-dss": 5,
  "ecdsa-sha2-nistp256": 3,
  "ecdsa-sha2-nistp384": 3,
  "ecdsa-sha2-nistp521": 3,
  "sk-ssh-ed25519@openssh.com": 3,
  "sk-ecdsa-sha2-nistp256@openssh.com": 4,
};
const ED25519_KEY_BYTES = 32;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

export type DecodedKey = { ok: true; blob: Buffer } | { ok: false; reason: string };

export function isKnownKeyType(keyType: string): boolean {
  return Object.hasOwn(BLOB_FIELDS, keyType);
}

/** Canonical base64 only: Buffer.from() would silently skip stray characters. */
export function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}

/** Decodes and checks a key of a known type: a corrupted or truncated line fails here. */
export function decodePublicKey(keyType: string, base64: string): DecodedKey {
  const fieldCount = BLOB_FIELDS[keyType];
  if (fieldCount === undefined) return { ok: false, reason: `unknown key type "${keyType}"` };
  const blob = decodeBase64(base64);
  if (blob === null) return { ok: false, reason: "the key is not valid base64" };
  const fields = readStrings(blob);
  const embedded = fields?.[0]?.toString("latin1");
  if (
    fields !== null &&
    embedded !== undefined &&
    embedded !== keyType &&
    isKnownKeyType(embedded)
  ) {
    return { ok: false, reason: `the key is ${JSON.stringify(embedded)}, not ${keyType}` };
  }
  if (fields === null || fields.length !== fieldCount || embedded !== keyType) {
    return { ok: false, reason: `the key is not a well-formed ${keyType} key (truncated?)` };
  }
  if (keyType.includes("ed25519") && fields[1]?.length !== ED25519_KEY_BYTES) {
    return { ok: false, reason: `the ${keyType} key is not ${ED25519_KEY_BYTES} bytes` };
  }
  return { ok: true, blob };
}

/** Splits a blob into its uint32-length-prefixed strings; null unless they fill it exactly. */
function readStrings(blob: Buffer): Buffer[] | null {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) return null;
    const length = blob.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (end > blob.length) return null;
    fields.push(blob.subarray(offset + 4, end));
    offset = end;
  }
  return fields;
}

/** `SHA256:` and the unpadded base64 SHA-256 of the blob, like `ssh-keygen -l`. */
export function sshKeyFingerprint(blob: Uint8Array): string {
  const digest = createHash("sha256").update(blob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}
