import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InventoryHostSchema } from "./host-entry";
import { importSshConfig } from "./ssh-config";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const source = (line: number) => ({ kind: "ssh-config", line });
const summary = (text: string) =>
  importSshConfig(text).problems.map(({ line, severity, message }) => ({
    line,
    severity,
    message,
  }));

describe("importSshConfig on the fixture", () => {
  const preview = importSshConfig(fixture("ssh-config.txt"));

  it("imports every concrete host with the first value ssh would obtain", () => {
    const stor = (n: string) => ({
      name: `stor-${n}`,
      address: `stor-${n}.mgmt.example.com`,
      port: 2201,
      user: "ops",
      identityFile: "~/.ssh/holmes_ed25519",
      groups: [],
      source: source(8),
    });
    expect(preview.hosts).toEqual([
      stor("01"),
      stor("02"),
      stor("03"),
      {
        name: "nas01",
        address: "10.20.0.9",
        port: 2222,
        user: "backup",
        identityFile: "~/.ssh/nas_ed25519",
        groups: [],
        source: source(11),
      },
      {
        name: "nas02",
        address: "10.20.0.10",
        port: 2200,
        user: "ops",
        identityFile: "~/.ssh/keys/nas 02",
        groups: [],
        source: source(17),
      },
      {
        name: "stor-test",
        address: "stor-test.lab.example.com",
        port: 22,
        user: "ops",
        identityFile: "~/.ssh/holmes_ed25519",
        groups: [],
        source: source(22),
      },
      {
        name: "v6-stor",
        address: "2001:db8::10",
        port: 22,
        user: "ops",
        identityFile: "~/.ssh/holmes_ed25519",
        groups: [],
        source: source(37),
      },
      {
        name: "legacy-nfs",
        address: "nfs_old.example.com",
        port: 22,
        user: "ops",
        identityFile: "~/.ssh/%r@%h.key",
        groups: [],
        source: source(40),
      },
    ]);
    for (const host of preview.hosts) expect(InventoryHostSchema.parse(host)).toEqual(host);
  });

  it("names the line of every problem and says why", () => {
    const wildcard = (pattern: string) =>
      `"Host ${pattern}" is a wildcard pattern; Holmes imports concrete hosts only and applies its settings to the hosts it matches`;
    expect(
      preview.problems.map(({ line, severity, message }) => ({ line, severity, message })),
    ).toEqual([
      {
        line: 6,
        severity: "warning",
        message: 'Include "~/.ssh/config.d/*.conf" cannot be followed; only this file is imported',
      },
      { line: 25, severity: "warning", message: wildcard("stor-*") },
      {
        line: 27,
        severity: "warning",
        message:
          'ProxyJump is not supported; hosts "stor-01", "stor-02", "stor-03" kept without it',
      },
      {
        line: 31,
        severity: "error",
        message: 'Port "abc" is not a number from 1 to 65535; host "db01" skipped',
      },
      { line: 33, severity: "warning", message: "Match blocks are not supported and were skipped" },
      {
        line: 42,
        severity: "warning",
        message: 'ProxyCommand is not supported; host "legacy-nfs" kept without it',
      },
      {
        line: 43,
        severity: "warning",
        message: 'IdentityFile "~/.ssh/%r@%h.key" has %-tokens; Holmes keeps it as written',
      },
      {
        line: 45,
        severity: "error",
        message:
          'Host "bad,alias" skipped: "bad,alias" is not a usable host name (letters, digits, ".", "_" and "-" only)',
      },
      {
        line: 48,
        severity: "warning",
        message:
          'host "nas01" is also listed on line 11; as ssh does, the first value of each setting wins',
      },
      { line: 51, severity: "error", message: "ForwardAgent has no value" },
      { line: 53, severity: "warning", message: wildcard("*") },
      {
        line: 55,
        severity: "warning",
        message:
          'IdentityFile "~/.ssh/holmes_ed25519" is a further key; Holmes uses one key per host, the first ssh would try; hosts "nas01", "nas02", "legacy-nfs" kept without it',
      },
    ]);
    expect(preview.problems.find((p) => p.line === 31)?.text).toBe("Port abc");
  });
});

describe("importSshConfig semantics", () => {
  it("lets lines before the first Host win over later blocks, as ssh does", () => {
    const { hosts } = importSshConfig("User early\nHost a\n  User late\n  Port 2022\n");
    expect(hosts).toMatchObject([{ name: "a", address: "a", user: "early", port: 2022 }]);
  });

  it("takes a wildcard block's value when it comes before the host's own", () => {
    const { hosts } = importSshConfig("Host *.lab\n  Port 2200\nHost x.lab\n  Port 22\n");
    expect(hosts).toMatchObject([{ name: "x.lab", port: 2200 }]);
  });

  it("rejects a host matched by a negated pattern of the block", () => {
    const text = "Host stor-* !stor-9\n  User ops\nHost stor-1 stor-9\n";
    const { hosts } = importSshConfig(text);
    expect(hosts.map((h) => [h.name, h.user])).toEqual([
      ["stor-1", "ops"],
      ["stor-9", null],
    ]);
  });

  it("matches host patterns without regard to case", () => {
    const { hosts } = importSshConfig("Host NAS?\n  Port 2200\nHost nas1\n");
    expect(hosts[0]?.port).toBe(2200);
  });

  it("reads Keyword=value, any case, quotes and trailing comments", () => {
    const text = 'HOST=a\n\tHOSTNAME = 10.1.2.3\n  iDeNtItYfIlE="~/my keys/a" # note\n';
    const { hosts, problems } = importSshConfig(text);
    expect(problems).toEqual([]);
    expect(hosts).toMatchObject([{ address: "10.1.2.3", identityFile: "~/my keys/a" }]);
  });

  it("expands %h and %% in HostName and refuses other tokens", () => {
    const text = "Host a b\n  HostName %h.x%%\nHost c\n  HostName %h.%p\n";
    expect(summary(text)).toEqual([
      {
        line: 2,
        severity: "error",
        message:
          'HostName "a.x%" is not a valid host name or IP address (from "%h.x%%"); host "a" skipped',
      },
      {
        line: 2,
        severity: "error",
        message:
          'HostName "b.x%" is not a valid host name or IP address (from "%h.x%%"); host "b" skipped',
      },
      {
        line: 4,
        severity: "error",
        message: 'HostName "%h.%p" has a %-token other than %h or %%; host "c" skipped',
      },
    ]);
  });

  it("skips a host whose name is not an address when no HostName is given", () => {
    expect(summary("Host db.10\n")).toEqual([
      {
        line: 1,
        severity: "error",
        message:
          'no HostName, and "db.10" is not a valid host name or IP address; host "db.10" skipped',
      },
    ]);
  });

  it("reports unusable values once, naming every host that inherits them", () => {
    const text = "Host a b\nHost *\n  User bad user\n  Port 0\n";
    expect(summary(text)).toEqual([
      { line: 2, severity: "warning", message: expect.stringContaining('"Host *" is a wildcard') },
      {
        line: 3,
        severity: "error",
        message: 'User takes one value but this line has 2; hosts "a", "b" skipped',
      },
      {
        line: 4,
        severity: "error",
        message: 'Port "0" is not a number from 1 to 65535; hosts "a", "b" skipped',
      },
    ]);
  });

  it("refuses %-tokens in User and control characters in IdentityFile", () => {
    const text = 'Host a\n  User %u\nHost b\n  IdentityFile "x\u0007"\n';
    expect(summary(text)).toEqual([
      {
        line: 2,
        severity: "error",
        message: 'User "%u" uses %-tokens, which Holmes cannot expand; host "a" skipped',
      },
      {
        line: 4,
        severity: "error",
        message: 'IdentityFile: the key file path contains control characters; host "b" skipped',
      },
    ]);
  });

  it("reports lines that are not Keyword value, and bad quotes", () => {
    expect(summary('Host a\n  -x y\n  User "ops\n  ProxyJump none\n')).toEqual([
      { line: 2, severity: "error", message: 'this line is not "Keyword value" ("-x")' },
      { line: 3, severity: "error", message: 'User: a " quote is not closed' },
    ]);
  });

  it("ignores unknown keywords and settings inside Match blocks", () => {
    const text = "Host a\n  Compression yes\nMatch all\n  Port nope\nHost b\n  Port 2\n";
    const { hosts, problems } = importSshConfig(text);
    expect(hosts.map((h) => [h.name, h.port])).toEqual([
      ["a", 22],
      ["b", 2],
    ]);
    expect(problems.map((p) => p.line)).toEqual([3]);
  });

  it("counts CRLF lines like LF lines", () => {
    const { hosts, problems } = importSshConfig("Host a\r\n  Port x\r\nHost b\r\n  Port 7\r\n");
    expect(problems.map((p) => [p.line, p.text])).toEqual([[2, "Port x"]]);
    expect(hosts).toMatchObject([{ name: "b", port: 7 }]);
  });

  it("returns nothing for an empty file", () => {
    expect(importSshConfig("")).toEqual({ hosts: [], problems: [] });
  });
});
