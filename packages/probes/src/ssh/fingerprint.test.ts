import { describe, expect, it } from "vitest";
import { fingerprintHostKey, fingerprintPublicKeyLine } from "./fingerprint";

// Public keys generated for this test, with what `ssh-keygen -l -E sha256 -f key.pub` printed.
const VECTORS = [
  [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKyc6iopqJVnNe14wAN6aYYTsHkGtHQz2Za4ATo7C14k vector",
    "SHA256:zAZzitmCHEmidhyliwSAkonDicxLl1Yfh07UaCCaQ6w",
  ],
  [
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBDWopOys9jYFl27QwjCQ1yiXVBgAJWZ0vQyp0i/Cxqa5xpmf+iyQcAcWC/yzH70DCamLRkRCS+EucdKe6uqLEcg= vector",
    "SHA256:Ia7WA8MvtP1PoiAUuJ7y9C2H0sfxHAPJAjYMTTMAMAk",
  ],
] as const;

describe("fingerprintHostKey", () => {
  it.each(VECTORS)("matches ssh-keygen for %s", (line, expected) => {
    expect(fingerprintPublicKeyLine(line)).toBe(expected);
    const blob = Buffer.from(line.split(" ")[1] ?? "", "base64");
    expect(fingerprintHostKey(blob)).toBe(expected);
  });

  it("has no base64 padding", () => {
    expect(fingerprintHostKey(Buffer.from("x"))).not.toMatch(/=$/);
  });

  it.each(["", "ssh-ed25519", "ssh-ed25519 not*base64", "garbage"])("rejects %j", (line) => {
    expect(fingerprintPublicKeyLine(line)).toBeNull();
  });
});
