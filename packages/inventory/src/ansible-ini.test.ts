import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importAnsibleIni } from "./ansible-ini";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const summary = (text: string) =>
  importAnsibleIni(text).problems.map(({ line, severity, message }) => ({
    line,
    severity,
    message,
  }));
const byName = (text: string) => new Map(importAnsibleIni(text).hosts.map((h) => [h.name, h]));

describe("importAnsibleIni on the fixture", () => {
  const preview = importAnsibleIni(fixture("ansible-inventory.ini"));
  const hosts = new Map(preview.hosts.map((host) => [host.name, host]));
  const storage = ["dc1", "monitoring", "storage"];

  it("imports the hosts in file order, ranges expanded", () => {
    expect(preview.hosts.map((h) => h.name)).toEqual([
      "mgmt01.example.com",
      "jump",
      "stor-01.example.com",
      "stor-02.example.com",
      "stor-03.example.com",
      "stor-04.example.com",
      "nas01.example.com",
      "nas02.example.com",
      "tape-a.example.com",
      "tape-b.example.com",
      "tape-c.example.com",
    ]);
  });

  it("puts hosts before any section in ungrouped and leaves unset fields null", () => {
    expect(hosts.get("mgmt01.example.com")).toEqual({
      name: "mgmt01.example.com",
      address: "10.0.0.5",
      port: 22,
      user: null,
      identityFile: null,
      groups: ["ungrouped"],
      source: { kind: "ansible-ini", line: 2 },
    });
    expect(hosts.get("jump")).toMatchObject({ address: "192.0.2.10", groups: ["ungrouped"] });
  });

  it("applies group vars from the least to the most specific group", () => {
    // dc1 (depth 2) sets port 2200 and user root; storage (depth 3) overrides the user.
    expect(hosts.get("stor-02.example.com")).toEqual({
      name: "stor-02.example.com",
      address: "stor-02.example.com",
      port: 2200,
      user: "ops",
      identityFile: "~/.ssh/holmes_ed25519",
      groups: storage,
      source: { kind: "ansible-ini", line: 6 },
    });
    expect(hosts.get("tape-b.example.com")).toEqual({
      name: "tape-b.example.com",
      address: "tape-b.example.com",
      port: 2022,
      user: "root",
      identityFile: null,
      groups: ["archive", "dc1", "monitoring"],
      source: { kind: "ansible-ini", line: 11 },
    });
  });

  it("merges the groups of a host listed twice and keeps host vars over group vars", () => {
    expect(hosts.get("stor-04.example.com")).toMatchObject({
      user: "archiver",
      port: 2200,
      groups: ["archive", "dc1", "monitoring", "storage"],
      source: { kind: "ansible-ini", line: 6 },
    });
  });

  it("reads host:port, quoted values and the legacy ansible_ssh_* names", () => {
    expect(hosts.get("nas01.example.com")).toMatchObject({
      address: "nas01.example.com",
      port: 2222,
      user: "backup",
      identityFile: "~/.ssh/keys/nas backup",
      groups: storage,
    });
    expect(hosts.get("nas02.example.com")).toMatchObject({
      address: "10.20.0.10",
      port: 2200,
      user: "legacy",
      identityFile: "~/.ssh/holmes_ed25519",
    });
  });

  it("names the line of every problem and says why", () => {
    expect(
      preview.problems.map(({ line, severity, message }) => ({ line, severity, message })),
    ).toEqual([
      {
        line: 3,
        severity: "warning",
        message: "ansible_ssh_pass is not imported; Holmes authenticates with keys only",
      },
      {
        line: 30,
        severity: "error",
        message: 'ansible_connection "local" is not SSH; host "localhost" skipped',
      },
      { line: 33, severity: "error", message: 'host line skipped: "line" is not key=value' },
      {
        line: 34,
        severity: "error",
        message:
          'ansible_port "abc" is not a number from 1 to 65535; host "web01.example.com" skipped',
      },
      { line: 35, severity: "error", message: 'host line skipped: a " quote is not closed' },
    ]);
    expect(preview.problems[2]?.text).toBe("this line = has spaces");
  });
});

describe("importAnsibleIni semantics", () => {
  it("lets an explicit ansible_port beat host:port", () => {
    expect(byName("db:2200 ansible_port=2300\n").get("db")?.port).toBe(2300);
  });

  it("prefers the current name over the legacy one on the same line", () => {
    const host = byName("db ansible_ssh_user=old ansible_user=new ansible_ssh_port=1\n").get("db");
    expect(host).toMatchObject({ user: "new", port: 1 });
  });

  it("orders groups of the same depth by name, later winning, as ansible-core does", () => {
    const text = "[b]\nh\n[a]\nh\n[a:vars]\nansible_port=1\n[b:vars]\nansible_port=2\n";
    expect(byName(text).get("h")?.port).toBe(2);
  });

  it("keeps the first value when a host is defined twice, with a warning", () => {
    const text = "[a]\nh ansible_port=1\n[b]\nh ansible_port=2\n";
    expect(byName(text).get("h")).toMatchObject({ port: 1, groups: ["a", "b"] });
    expect(summary(text)).toEqual([
      {
        line: 4,
        severity: "warning",
        message: 'host "h" is defined again with ansible_port="2"; kept ansible_port="1" on line 2',
      },
    ]);
  });

  it("expands stepped, padded and letter ranges", () => {
    const names = [...byName("n[01:05:2]\nx[y:Z]\n").keys()];
    expect(names.slice(0, 3)).toEqual(["n01", "n03", "n05"]);
    expect(names.length).toBe(3 + 28);
  });

  it("refuses children cycles and unknown section types", () => {
    const text = "[a:children]\nb\n[b:children]\na\n[c:stuff]\nh\n";
    expect(summary(text)).toEqual([
      { line: 4, severity: "error", message: 'group "a" would contain itself; ignored' },
      {
        line: 5,
        severity: "error",
        message: 'section type "stuff" is not hosts, vars or children; its lines were skipped',
      },
    ]);
  });

  it("strips comments and quotes from vars lines", () => {
    const text = '[all:vars]\nansible_user = "ops"  # service account\n[g]\nh\n';
    expect(byName(text).get("h")?.user).toBe("ops");
  });

  it("reports vars and children lines it cannot read", () => {
    const text = "[g:vars]\njust words\n[g:children]\nx y\n";
    expect(summary(text)).toEqual([
      { line: 2, severity: "error", message: "this line in [g:vars] is not key=value; skipped" },
      {
        line: 4,
        severity: "error",
        message: '"x y" is not a group name; [g:children] line skipped',
      },
    ]);
  });

  it("refuses a range that would expand to too many hosts", () => {
    expect(summary("h[0:99999]\n")).toEqual([
      {
        line: 1,
        severity: "error",
        message: 'host line skipped: "h[0:99999]": expands to more than 10000 hosts',
      },
    ]);
  });
});
