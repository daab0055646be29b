import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importAnsibleYaml } from "./ansible-yaml";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const summary = (text: string) =>
  importAnsibleYaml(text).problems.map(({ line, severity, message }) => ({
    line,
    severity,
    message,
  }));
const source = (line: number) => ({ kind: "ansible-yaml", line });

describe("importAnsibleYaml on the fixture", () => {
  const preview = importAnsibleYaml(fixture("ansible-inventory.yaml"));
  const hosts = new Map(preview.hosts.map((host) => [host.name, host]));

  it("imports the hosts in file order, ranges expanded", () => {
    expect(preview.hosts.map((h) => h.name)).toEqual([
      "mgmt01.example.com",
      "stor-01.example.com",
      "stor-02.example.com",
      "stor-03.example.com",
      "nas01.example.com",
      "tape-a.example.com",
      "tape-b.example.com",
      "prom01.example.com",
    ]);
  });

  it("inherits vars from all, then the nearest group, then the host", () => {
    expect(hosts.get("mgmt01.example.com")).toEqual({
      name: "mgmt01.example.com",
      address: "10.0.0.5",
      port: 22,
      user: "ops",
      identityFile: "~/.ssh/holmes_ed25519",
      groups: ["ungrouped"],
      source: source(7),
    });
    expect(hosts.get("stor-03.example.com")).toEqual({
      name: "stor-03.example.com",
      address: "stor-03.example.com",
      port: 2200,
      user: "storage-ops",
      identityFile: "~/.ssh/holmes_ed25519",
      groups: ["dc1", "storage"],
      source: source(18),
    });
    expect(hosts.get("tape-a.example.com")).toMatchObject({
      port: 2022,
      user: "ops",
      groups: ["archive", "dc1"],
    });
  });

  it("merges the groups of a host under several groups and keeps its first values", () => {
    expect(hosts.get("nas01.example.com")).toEqual({
      name: "nas01.example.com",
      address: "10.20.0.9",
      port: 2222,
      user: "storage-ops",
      identityFile: "~/.ssh/holmes_ed25519",
      groups: ["archive", "dc1", "monitoring", "storage"],
      source: source(19),
    });
  });

  it("reads IPv6 addresses and keeps quoted numbers as text", () => {
    expect(hosts.get("prom01.example.com")).toMatchObject({
      address: "2001:db8::20",
      user: "007",
      groups: ["monitoring"],
    });
  });

  it("names the line of every problem and says why", () => {
    expect(
      preview.problems.map(({ line, severity, message }) => ({ line, severity, message })),
    ).toEqual([
      {
        line: 30,
        severity: "warning",
        message:
          'host "nas01.example.com" is defined again with ansible_port="2299"; kept ansible_port="2222" on line 21',
      },
      {
        line: 35,
        severity: "warning",
        message: "ansible_password is not imported; Holmes authenticates with keys only",
      },
      {
        line: 38,
        severity: "error",
        message: 'hosts of "web" must be a mapping of host names (not a list)',
      },
      {
        line: 41,
        severity: "error",
        message:
          'host "2001:db8::99" skipped: "2001:db8::99" is not a usable host name (letters, digits, ".", "_" and "-" only); name the host and set ansible_host to the address',
      },
      {
        line: 43,
        severity: "error",
        message:
          'ansible_host "{{ inventory_hostname }}.example.com" is a Jinja template, which Holmes cannot evaluate; host "templated" skipped',
      },
      {
        line: 44,
        severity: "warning",
        message:
          'group "misc" has an unknown key "unknown_key", ignored (only hosts, vars and children are valid)',
      },
    ]);
  });
});

describe("importAnsibleYaml on broken YAML", () => {
  it("reports syntax errors with their line and imports nothing", () => {
    const preview = importAnsibleYaml(fixture("ansible-inventory-broken.yaml"));
    expect(preview.hosts).toEqual([]);
    expect(preview.problems).toEqual([
      {
        line: 8,
        severity: "error",
        message: "YAML: All mapping items must start at the same column",
        text: "stor-02.example.com:",
      },
    ]);
  });

  it("reports a repeated key and keeps the first", () => {
    const text = "all:\n  hosts:\n    a: {ansible_port: 1}\n    a: {ansible_port: 2}\n";
    expect(importAnsibleYaml(text).hosts).toMatchObject([{ name: "a", port: 1 }]);
    expect(summary(text)).toEqual([
      {
        line: 4,
        severity: "error",
        message: 'YAML key "a" is repeated in its mapping (first on line 3); ignored',
      },
    ]);
  });

  it("refuses several documents in one file", () => {
    expect(summary("all: {}\n---\nall: {}\n")).toEqual([
      { line: 2, severity: "error", message: "the file holds more than one YAML document" },
    ]);
  });
});

describe("importAnsibleYaml semantics", () => {
  it("treats top-level groups other than all as children of all", () => {
    const { hosts } = importAnsibleYaml("all:\n  vars: {ansible_port: 2}\nweb:\n  hosts: {w1: }\n");
    expect(hosts).toMatchObject([{ name: "w1", port: 2, groups: ["web"] }]);
  });

  it("reads host:port keys and lets an explicit ansible_port win", () => {
    const text = "all:\n  hosts:\n    a:2201:\n    b:2201: {ansible_port: 2202}\n";
    expect(importAnsibleYaml(text).hosts.map((h) => [h.name, h.port])).toEqual([
      ["a", 2201],
      ["b", 2202],
    ]);
  });

  it("refuses non-scalar connection values but ignores other variables", () => {
    const text =
      "all:\n  hosts:\n    a: {ansible_port: [1], foo: {x: 1}}\n    b: {ansible_user: }\n";
    expect(summary(text)).toEqual([
      {
        line: 3,
        severity: "error",
        message: 'ansible_port is not a string or a number; host "a" skipped',
      },
      { line: 4, severity: "error", message: 'ansible_user has no value; host "b" skipped' },
    ]);
  });

  it("follows aliases, stops on self-referencing ones and reports merge keys", () => {
    const text = [
      "all:",
      "  children:",
      "    a: &shared",
      "      hosts: {h1: }",
      "    b: *shared",
      "    loop: &loop",
      "      children: {inner: *loop}",
      "    m:",
      "      <<: *shared",
    ].join("\n");
    const preview = importAnsibleYaml(text);
    expect(preview.hosts).toMatchObject([{ name: "h1", groups: ["a", "b"] }]);
    expect(preview.problems.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 7, message: 'group "inner" would contain itself; ignored' },
      { line: 9, message: "YAML merge keys (<<) are not supported; ignored" },
    ]);
  });

  it("reads a large inventory without aliases completely", { timeout: 60_000 }, () => {
    const hosts = Array.from(
      { length: 20_000 },
      (_, i) => `    h${i}: {ansible_port: 2200, ansible_user: ops}`,
    );
    const preview = importAnsibleYaml(`all:\n  hosts:\n${hosts.join("\n")}\n`);
    expect(preview.problems).toEqual([]);
    expect(preview.hosts.length).toBe(20_000);
  });

  it("stops an alias bomb within a fixed budget", () => {
    // Each level lists the level below ten times: 10^8 group walks if nothing stopped it.
    const levels = ["l0: &l0 {hosts: {h: }}"];
    for (let level = 1; level <= 8; level++) {
      const children = Array.from({ length: 10 }, (_, i) => `g${level}x${i}: *l${level - 1}`);
      levels.push(`l${level}: &l${level} {children: {${children.join(", ")}}}`);
    }
    const preview = importAnsibleYaml(levels.join("\n"));
    expect(preview.problems[0]).toMatchObject({
      line: null,
      severity: "error",
      message: expect.stringMatching(
        /^aliases expand the file to more than \d+ YAML nodes; the rest was skipped$/,
      ),
    });
    expect(preview.hosts.map((h) => h.name)).toEqual(["h"]);
  });

  it("explains what a top level that is not a mapping should be", () => {
    expect(summary("- all\n")).toEqual([
      {
        line: 1,
        severity: "error",
        message: 'the top level must map group names (usually "all") to groups',
      },
    ]);
  });

  it("returns nothing for an empty or comment-only file", () => {
    expect(importAnsibleYaml("# nothing yet\n")).toEqual({ hosts: [], problems: [] });
  });
});
