import { createHash } from "node:crypto";

/**
 * The OpenSSH fingerprint of a host key blob (the key in SSH wire format, as sent during key
 * exchange and as base64-encoded in a `.pub` file): `SHA256:` and unpadded base64, exactly what
 * `ssh-keygen -l -E sha256` prints, so an operator can compare it by eye.
 */
export function fingerprintHostKey(keyBlob: Uint8Array): string {
  const digest = createHash("sha256").update(keyBlob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

/** The fingerprint of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`), or null. */
export function fingerprintPublicKeyLine(line: string): string | null {
  const blob = line.trim().split(/\s+/)[1];
  if (!blob || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return null;
  return fingerprintHostKey(Buffer.from(blob, "base64"));
}
