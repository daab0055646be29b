import { describe, expect, it } from "vitest";
import { sealSecret, unsealSecret } from "./sealed-secret";

const KEY = "k".repeat(40);
const PRIVATE_KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

describe("sealed secrets", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = sealSecret(PRIVATE_KEY, KEY);
    expect(sealed).not.toContain("OPENSSH");
    expect(Buffer.from(sealed, "base64").toString("latin1")).not.toContain("b3BlbnNzaC1rZXkt");
    expect(unsealSecret(sealed, KEY)).toBe(PRIVATE_KEY);
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret(PRIVATE_KEY, KEY)).not.toBe(sealSecret(PRIVATE_KEY, KEY));
  });

  it("refuses a wrong key or a tampered value without echoing either", () => {
    const sealed = sealSecret(PRIVATE_KEY, KEY);
    expect(() => unsealSecret(sealed, "x".repeat(40))).toThrow(
      /wrong HOLMES_CREDENTIALS_KEY or tampered/,
    );
    const tampered = Buffer.from(sealed, "base64");
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    let message = "";
    try {
      unsealSecret(tampered.toString("base64"), KEY);
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/could not be opened/);
    expect(message).not.toContain("OPENSSH");
  });

  it("refuses a short key", () => {
    expect(() => sealSecret(PRIVATE_KEY, "short")).toThrow(/at least 32/);
  });
});
