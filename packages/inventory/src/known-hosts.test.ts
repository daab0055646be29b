import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knownHostName, matchesKnownHost } from "./known-host-match";
import { importKnownHosts } from "./known-hosts";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

describe("importKnownHosts on the fixture", () => {
  const result = importKnownHosts(fixture("known-hosts.txt"));
  const byLine = new Map(result.entries.map((entry) => [entry.line, entry]));

  it("keeps plain, bracketed-port, hashed and wildcard lines", () => {
    expect(result.entries.map(({ line, hosts, keyType }) => ({ line, hosts, keyType }))).toEqual([
      { line: 3, hosts: ["stor-01.example.com", "10.0.0.11"], keyType: "ssh-ed25519" },
      { line: 4, hosts: ["[nas01.example.com]:2222"], keyType: "ssh-rsa" },
      {
        line: 5,
        hosts: ["|1|XKndRzKMFxttFaUp7bc3H83Ln7c=|gz2wgYXmOhM3dnCiRiRgZa4vRDU="],
        keyType: "ssh-ed25519",
      },
      {
        line: 6,
        hosts: ["|1|fVBLr7jJuSGP4pWHAP0R9sUKCtA=|91UlJXWXx3tANf8FzB/wXnTbBXk="],
        keyType: "ecdsa-sha2-nistp256",
      },
      { line: 8, hosts: ["*.lab.example.com", "!gw.lab.example.com"], keyType: "ssh-ed25519" },
    ]);
  });

  it("computes the fingerprints ssh-keygen -lf prints", () => {
    // Lines of `ssh-keygen -lf known-hosts.txt`: bits, fingerprint, comment or host, (type).
    const keygen = fixture("known-hosts.ssh-keygen-lf.txt")
      .trim()
      .split("\n")
      .map((line) => line.split(" ")[1]);
    expect(result.entries.map((entry) => entry.fingerprint)).toEqual(keygen.slice(0, 5));
    expect(byLine.get(3)?.fingerprint).toBe("SHA256:G6zrt/DzJjau8h5jLdDBWHrLmvVnrqivIKvxzbm3SNI");
    expect(byLine.get(4)?.fingerprint).toBe("SHA256:+dT2hDlPU155NRdVTdqp4ot2pJeYA6qxwCKxpYtgCTo");
  });

  it("names the line of every line it did not import", () => {
    expect(
      result.problems.map(({ line, severity, message }) => ({ line, severity, message })),
    ).toEqual([
      {
        line: 9,
        severity: "warning",
        message:
          "@revoked lines are not imported; key SHA256:4mKHjNSbZvWTf6szQDvXdT9fNGtx6Wd3UW+O9o9QJFA is not pinned from any line",
      },
      {
        line: 10,
        severity: "error",
        message: "this key is marked @revoked on line 9; not imported",
      },
      {
        line: 11,
        severity: "warning",
        message: "@cert-authority lines are not imported; Holmes pins host keys, not CAs",
      },
      {
        line: 12,
        severity: "error",
        message: "the key is not a well-formed ssh-ed25519 key (truncated?); line skipped",
      },
      { line: 13, severity: "error", message: "the key is not valid base64; line skipped" },
      {
        line: 14,
        severity: "error",
        message: 'the key is "ssh-ed25519", not ssh-rsa; line skipped',
      },
      { line: 15, severity: "error", message: 'unknown key type "ssh-foo"; line skipped' },
      {
        line: 16,
        severity: "error",
        message: 'this line is not "hosts key-type key"; line skipped',
      },
      {
        line: 17,
        severity: "error",
        message: '"|1|bm90LWEtc2FsdA==|xx" is not a valid |1|salt|hash name; line skipped',
      },
      {
        line: 18,
        severity: "error",
        message: "SSH-1 keys (bits exponent modulus) are not supported; line skipped",
      },
    ]);
  });

  it("matches hosts the way ssh looks them up", () => {
    const entry = (line: number) => ({ hosts: byLine.get(line)?.hosts ?? [] });
    expect(matchesKnownHost(entry(3), "STOR-01.example.com")).toBe(true);
    expect(matchesKnownHost(entry(3), "10.0.0.11", 22)).toBe(true);
    expect(matchesKnownHost(entry(3), "stor-01.example.com", 2222)).toBe(false);
    expect(matchesKnownHost(entry(4), "nas01.example.com", 2222)).toBe(true);
    expect(matchesKnownHost(entry(4), "nas01.example.com")).toBe(false);
    expect(matchesKnownHost(entry(5), "stor-02.example.com")).toBe(true);
    expect(matchesKnownHost(entry(5), "stor-20.example.com")).toBe(false);
    expect(matchesKnownHost(entry(6), "stor-03.example.com", 2200)).toBe(true);
    expect(matchesKnownHost(entry(6), "stor-03.example.com")).toBe(false);
    expect(matchesKnownHost(entry(8), "nas.lab.example.com")).toBe(true);
    expect(matchesKnownHost(entry(8), "gw.lab.example.com")).toBe(false);
  });
});

describe("knownHostName", () => {
  it("brackets every port but 22", () => {
    expect(knownHostName("Stor-01", 22)).toBe("stor-01");
    expect(knownHostName("2001:db8::1", 2222)).toBe("[2001:db8::1]:2222");
  });
});

describe("importKnownHosts edge cases", () => {
  // The ed25519 key of fixture line 3, reused under other host names.
  const key = fixture("known-hosts.txt").split("\n")[2]?.split(" ")[2] ?? "";

  it("ignores blank and comment lines and tolerates CRLF", () => {
    const text = `# c\r\n\r\nh ssh-ed25519 ${key} comment\r\n`;
    expect(importKnownHosts(text)).toEqual({
      entries: [
        {
          hosts: ["h"],
          keyType: "ssh-ed25519",
          fingerprint: "SHA256:G6zrt/DzJjau8h5jLdDBWHrLmvVnrqivIKvxzbm3SNI",
          line: 3,
        },
      ],
      problems: [],
    });
  });

  it("refuses empty host names and unknown markers", () => {
    const text = `a,,b ssh-ed25519 ${key}\n@trusted h ssh-ed25519 ${key}\n`;
    expect(importKnownHosts(text).problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'the host list "a,,b" has an empty name; line skipped'],
      [2, 'unknown marker "@trusted"; line skipped'],
    ]);
  });
});
