import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPrivateKey } from "./private-key";

// Keys are made per run by ssh-keygen (CI installs OpenSSH), so no private key is committed.
const dir = mkdtempSync(join(tmpdir(), "holmes-key-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string, args: string[]): { text: string; fingerprint: string } {
  const path = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-C", name, "-f", path, ...args]);
  const listed = execFileSync("ssh-keygen", ["-l", "-f", path], { encoding: "utf8" });
  return { text: readFileSync(path, "utf8"), fingerprint: listed.split(" ")[1] ?? "" };
}

describe("checkPrivateKey", () => {
  it.each([
    ["ed25519", ["-t", "ed25519", "-N", ""], "openssh"],
    ["rsa-openssh", ["-t", "rsa", "-b", "2048", "-N", ""], "openssh"],
    ["rsa-pem", ["-t", "rsa", "-b", "2048", "-N", "", "-m", "PEM"], "rsa"],
    ["ecdsa-pem", ["-t", "ecdsa", "-b", "384", "-N", "", "-m", "PEM"], "ec"],
    ["ecdsa-openssh", ["-t", "ecdsa", "-b", "521", "-N", ""], "openssh"],
  ])(
    "accepts an unprotected %s key with the fingerprint ssh-keygen -l prints",
    (name, args, format) => {
      const key = keygen(name, args);
      expect(checkPrivateKey(key.text)).toEqual({
        ok: true,
        format,
        fingerprint: key.fingerprint,
        text: key.text,
      });
    },
  );

  it("normalizes CRLF and surrounding whitespace, as a browser paste may bring", () => {
    const key = keygen("pasted", ["-t", "ed25519", "-N", ""]);
    const pasted = `\n  ${key.text.replace(/\n/g, "\r\n")}  \n`;
    const checked = checkPrivateKey(pasted);
    expect(checked.ok && checked.text).toBe(key.text);
  });

  it.each([
    ["openssh", ["-t", "ed25519", "-N", "secret words"]],
    ["PEM", ["-t", "rsa", "-b", "2048", "-N", "secret words", "-m", "PEM"]],
    ["PKCS#8", ["-t", "rsa", "-b", "2048", "-N", "secret words", "-m", "PKCS8"]],
  ])("refuses a passphrase-protected %s key, saying why", (name, args) => {
    const checked = checkPrivateKey(keygen(`locked-${name}`, args).text);
    expect(checked).toEqual({ ok: false, reason: expect.stringContaining("passphrase") });
  });

  it("refuses public keys, truncated keys and other text without quoting them", () => {
    const key = keygen("whole", ["-t", "ed25519", "-N", ""]);
    const lines = key.text.trim().split("\n");
    const truncated = [...lines.slice(0, 2), lines.at(-1)].join("\n");
    const cases = [
      readFileSync(join(dir, "whole.pub"), "utf8"),
      truncated,
      lines.slice(0, -1).join("\n"),
      key.text.replace("OPENSSH PRIVATE KEY-----\n", "OPENSSH PRIVATE KEY-----\n!"),
      key.text.replace(/END OPENSSH/, "END RSA"),
      "hunter2",
      "",
    ];
    for (const text of cases) {
      const checked = checkPrivateKey(text);
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        for (const line of lines.slice(1, -1)) expect(checked.reason).not.toContain(line);
      }
    }
  });

  it("refuses a PEM body that is not a key of its label", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ec = privateKey.export({ format: "pem", type: "sec1" }).toString();
    const relabelled = ec.replace(/EC PRIVATE KEY/g, "RSA PRIVATE KEY");
    expect(checkPrivateKey(relabelled)).toEqual({
      ok: false,
      reason: expect.stringContaining("not a valid RSA key"),
    });
  });

  it("refuses unencrypted PKCS#8, which the collector's ssh client does not read", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pkcs8 = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(checkPrivateKey(pkcs8)).toEqual({
      ok: false,
      reason: expect.stringContaining("PKCS#8"),
    });
  });
});
