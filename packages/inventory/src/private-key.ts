/*
 * Checks that pasted text is an SSH private key the collector can use, without logging or
 * echoing any of it. Two armours are accepted, the ones ssh2 (the collector's client) reads:
 *
 *   -----BEGIN OPENSSH PRIVATE KEY-----        ssh-keygen's default since OpenSSH 7.8
 *   -----BEGIN RSA|EC|DSA PRIVATE KEY-----     the older PEM form (PKCS#1 / SEC1)
 *
 * The fingerprint shown to admins is that of the public half, as `ssh-keygen -lf` prints it:
 * read from the OpenSSH container's clear public section, or derived by node:crypto for PEM.
 * A passphrase-protected key is refused: the collector has no passphrase to open it with.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { decodeBase64, sshKeyFingerprint } from "./ssh-key-blob";

export type PrivateKeyFormat = "openssh" | "rsa" | "ec" | "dsa";
export type CheckedPrivateKey =
  | { ok: true; format: PrivateKeyFormat; fingerprint: string | null; text: string }
  | { ok: false; reason: string };

const MAX_KEY_CHARS = 16_384;
const ARMOUR =
  /^-----BEGIN (OPENSSH|RSA|EC|DSA) PRIVATE KEY-----\n((?:[A-Za-z-]+: [^\n]+\n)*\n?)((?:[A-Za-z0-9+/=]{1,76}\n)+)-----END \1 PRIVATE KEY-----\n$/;
const OPENSSH_MAGIC = "openssh-key-v1\u0000";
const NOT_A_KEY =
  'this is not an SSH private key: paste the whole file, from "-----BEGIN" to "PRIVATE KEY-----"';
const ENCRYPTED =
  "this key is protected by a passphrase, which the collector cannot enter: store a copy " +
  "without one (ssh-keygen -p -N '' -f COPY) — Holmes keeps it encrypted at rest";

/** The key in canonical form (LF line ends, one final newline) and its fingerprint, or why not. */
export function checkPrivateKey(input: string): CheckedPrivateKey {
  if (input.length > MAX_KEY_CHARS) return { ok: false, reason: "this is too long for a key" };
  const text = `${input.replace(/\r\n/g, "\n").trim()}\n`;
  if (text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
    return { ok: false, reason: ENCRYPTED };
  }
  if (text.startsWith("-----BEGIN PRIVATE KEY-----")) {
    return {
      ok: false,
      reason: "PKCS#8 keys are not read by the collector: convert with ssh-keygen -p -f COPY",
    };
  }
  const match = ARMOUR.exec(text);
  if (!match) return { ok: false, reason: NOT_A_KEY };
  const [, label = "", headers = "", body = ""] = match;
  const format = label.toLowerCase() as PrivateKeyFormat;
  if (/^Proc-Type: 4,ENCRYPTED$/m.test(headers)) return { ok: false, reason: ENCRYPTED };
  if (headers !== "") return { ok: false, reason: NOT_A_KEY };
  const der = decodeBase64(body.replace(/\n/g, ""));
  if (der === null) return { ok: false, reason: "the key's base64 body is damaged" };
  if (format === "openssh") return checkOpenSsh(der, text);
  const fingerprint = pemFingerprint(text, format);
  // node cannot export DSA keys as JWK, so a DSA key is taken on its armour alone.
  if (fingerprint === null && format !== "dsa") {
    return { ok: false, reason: `the key's body is not a valid ${label} key (damaged?)` };
  }
  return { ok: true, format, fingerprint, text };
}

/** openssh-key-v1: magic, cipher, kdf, kdf options, key count, then each public key in clear. */
function checkOpenSsh(der: Buffer, text: string): CheckedPrivateKey {
  if (der.subarray(0, OPENSSH_MAGIC.length).toString("latin1") !== OPENSSH_MAGIC) {
    return { ok: false, reason: "the key's body is not an OpenSSH key (damaged?)" };
  }
  const reader = new BlobReader(der, OPENSSH_MAGIC.length);
  const cipher = reader.string()?.toString("latin1");
  reader.string();
  reader.string();
  const keyCount = reader.uint32();
  const publicKey = reader.string();
  if (cipher === undefined || keyCount === null || publicKey === null) {
    return { ok: false, reason: "the key is truncated" };
  }
  if (cipher !== "none") return { ok: false, reason: ENCRYPTED };
  if (keyCount !== 1) return { ok: false, reason: "the file holds more than one key" };
  return { ok: true, format: "openssh", fingerprint: sshKeyFingerprint(publicKey), text };
}

/** The public half in SSH wire form, fingerprinted; null when node cannot read or export it. */
function pemFingerprint(text: string, format: PrivateKeyFormat): string | null {
  try {
    const jwk = createPublicKey(createPrivateKey({ key: text, format: "pem" })).export({
      format: "jwk",
    });
    if (format === "rsa" && jwk.e && jwk.n) {
      const parts = [sshString("ssh-rsa"), mpint(fromB64Url(jwk.e)), mpint(fromB64Url(jwk.n))];
      return sshKeyFingerprint(Buffer.concat(parts));
    }
    const curve = EC_CURVES[jwk.crv ?? ""];
    if (format === "ec" && curve && jwk.x && jwk.y) {
      const point = Buffer.concat([Buffer.from([4]), fromB64Url(jwk.x), fromB64Url(jwk.y)]);
      const parts = [sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)];
      return sshKeyFingerprint(Buffer.concat(parts));
    }
    return null;
  } catch {
    // node's message could quote the body: it is dropped, never logged.
    return null;
  }
}

const EC_CURVES: Record<string, string> = {
  "P-256": "nistp256",
  "P-384": "nistp384",
  "P-521": "nistp521",
};

function fromB64Url(text: string): Buffer {
  return Buffer.from(text, "base64url");
}

function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "latin1") : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** RFC 4251 mpint: big-endian, with a zero byte in front when the top bit is set. */
function mpint(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const isTopBitSet = ((trimmed[0] ?? 0) & 0x80) !== 0;
  return sshString(isTopBitSet ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

class BlobReader {
  constructor(
    private readonly blob: Buffer,
    private offset: number,
  ) {}

  uint32(): number | null {
    if (this.offset + 4 > this.blob.length) return null;
    const value = this.blob.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  string(): Buffer | null {
    const length = this.uint32();
    if (length === null || this.offset + length > this.blob.length) return null;
    const value = this.blob.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}
