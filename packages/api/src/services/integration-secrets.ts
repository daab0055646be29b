import { createHash, randomBytes } from "node:crypto";

/**
 * Intake tokens are shown once and stored as SHA-256 only. A plain hash suffices (no scrypt): the
 * token is 256 random bits, so there is nothing to brute-force, and the lookup must be one index
 * probe per request. The prefix makes a leaked token recognisable to secret scanners.
 */
export function generateIntakeToken(): { token: string; tokenSha256: string } {
  const token = `hlm_${randomBytes(32).toString("base64url")}`;
  return { token, tokenSha256: hashIntakeToken(token) };
}

export function hashIntakeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The HMAC key of a webhook, shown to the admin once so the receiver can verify signatures. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
