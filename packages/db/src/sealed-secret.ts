import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Private keys are stored sealed with AES-256-GCM under a key derived from the operator's secret
 * (HOLMES_CREDENTIALS_KEY). The stored form is base64(iv ‖ tag ‖ ciphertext); GCM's tag makes a
 * wrong key or a tampered value fail loudly instead of yielding garbage.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(secret: string): Buffer {
  if (secret.length < 32) throw new Error("the credentials key must be at least 32 characters");
  return createHash("sha256").update(`holmes-credentials:${secret}`).digest();
}

export function sealSecret(plaintext: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function unsealSecret(sealed: string, secret: string): string {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("sealed secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(secret), raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Never echo the sealed or opened text: it is key material.
    throw new Error(
      "sealed secret could not be opened: wrong HOLMES_CREDENTIALS_KEY or tampered value",
    );
  }
}
