import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { importAnsibleIni } from "./ansible-ini";
import { importAnsibleYaml } from "./ansible-yaml";
import { type ImportPreview, type ImportProblem, InventoryHostSchema } from "./host-entry";
import { importKnownHosts } from "./known-hosts";
import { importSshConfig } from "./ssh-config";
import { testEnv } from "./testing/env";

const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 10) });
const TIMEOUT = 60_000;

/** Words each format is made of, so generated lines get past the first checks. */
const TOKENS = [
  "Host",
  "HostName",
  "Port",
  "User",
  "IdentityFile",
  "Match",
  "Include",
  "ProxyJump",
  "=",
  "*",
  "?",
  "!",
  "%h",
  "%%",
  '"',
  "'",
  "\\",
  "#",
  ";",
  "[",
  "]",
  ":",
  "[g]",
  "[g:vars]",
  "[g:children]",
  "[all:vars]",
  "ansible_host=",
  "ansible_port=",
  "ansible_user=",
  "ansible_ssh_host=",
  "ansible_ssh_private_key_file=",
  "ansible_connection=local",
  "stor-[01:03]",
  "[a:c]",
  "all:",
  "hosts:",
  "vars:",
  "children:",
  "  ",
  "- ",
  "{",
  "}",
  "&a",
  "*a",
  "<<:",
  "---",
  "|1|",
  "@revoked",
  "@cert-authority",
  "ssh-ed25519",
  "ssh-rsa",
  "AAAAC3NzaC1lZDI1NTE5AAAAI",
  "10.0.0.5",
  "2001:db8::1",
  "example.com",
  "2222",
  "abc",
  "0",
  "65536",
  "ops",
  "~/.ssh/id",
  "{{ x }}",
  "\t",
  "\r",
  "\u0000",
  "é",
  "🙂",
];
const line = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), {
  maxLength: 8,
});
const structuredText = fc
  .array(
    fc.tuple(line, fc.boolean()).map(([words, isTight]) => words.join(isTight ? "" : " ")),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));
const anyText = fc.oneof(structuredText, fc.string({ unit: "binary", maxLength: 400 }));

function checkProblems(text: string, problems: ImportProblem[]): void {
  const lineCount = text.split(/\r?\n/).length;
  for (const problem of problems) {
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.line !== null) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      // YAML reports errors at end of input, one past the last line of a text without newline.
      expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
    }
  }
}

function checkPreview(text: string, preview: ImportPreview): void {
  for (const host of preview.hosts) expect(InventoryHostSchema.parse(host)).toEqual(host);
  const names = preview.hosts.map((host) => host.name);
  expect(new Set(names).size).toBe(names.length);
  checkProblems(text, preview.problems);
}

describe.each([
  ["importSshConfig", importSshConfig],
  ["importAnsibleIni", importAnsibleIni],
  ["importAnsibleYaml", importAnsibleYaml],
])("%s on arbitrary text", (_name, importer) => {
  it(
    "never throws and returns only hosts that pass InventoryHostSchema",
    () => {
      fc.assert(
        fc.property(anyText, (text) => checkPreview(text, importer(text))),
        runs(10_000),
      );
    },
    TIMEOUT,
  );
});

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

/** A fixture with one edit: a token inserted, a span deleted, or the text cut short. */
function mutated(text: string) {
  return fc
    .tuple(fc.nat(text.length), fc.nat(40), fc.constantFrom(...TOKENS, "\n", ""))
    .map(([at, length, token]) => `${text.slice(0, at)}${token}${text.slice(at + length)}`);
}

describe.each([
  ["ssh-config.txt", importSshConfig],
  ["ansible-inventory.ini", importAnsibleIni],
  ["ansible-inventory.yaml", importAnsibleYaml],
])("edits of %s", (name, importer) => {
  it(
    "never throw and keep every host valid",
    () => {
      fc.assert(
        fc.property(mutated(fixture(name)), (text) => checkPreview(text, importer(text))),
        runs(3_000),
      );
    },
    TIMEOUT,
  );
});

describe("importKnownHosts on arbitrary text", () => {
  it(
    "never throws and returns well-formed entries",
    () => {
      const texts = fc.oneof(anyText, mutated(fixture("known-hosts.txt")));
      fc.assert(
        fc.property(texts, (text) => {
          const result = importKnownHosts(text);
          for (const entry of result.entries) {
            expect(entry.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
            expect(entry.hosts.length).toBeGreaterThan(0);
          }
          checkProblems(text, result.problems);
        }),
        runs(10_000),
      );
    },
    TIMEOUT,
  );
});

// Concrete hosts rendered into each format must come back exactly.
const hostArb = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
  address: fc.oneof(fc.ipV4(), fc.domain(), fc.constantFrom("2001:db8::10", "fe80::1%eth0")),
  port: fc.integer({ min: 1, max: 65535 }),
  user: fc.option(fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,15}$/), { nil: null }),
  identityFile: fc.option(fc.stringMatching(/^~\/\.ssh\/[A-Za-z0-9_. -]{1,20}$/), { nil: null }),
  group: fc.constantFrom("storage", "nas", "db-servers"),
});
const hostsArb = fc.uniqueArray(hostArb, { selector: (host) => host.name, maxLength: 12 });
type GeneratedHost = typeof hostArb extends fc.Arbitrary<infer T> ? T : never;

function expected(hosts: GeneratedHost[], withGroups: boolean) {
  return hosts.map(({ group, ...host }) => ({ ...host, groups: withGroups ? [group] : [] }));
}
const withoutSource = (preview: ImportPreview) =>
  preview.hosts.map(({ source: _source, ...host }) => host);

describe("round trips", () => {
  it(
    "ssh config",
    () => {
      fc.assert(
        fc.property(hostsArb, (hosts) => {
          const text = hosts
            .map((h) =>
              [
                `Host ${h.name}`,
                // ssh reads % in HostName as a token, so an IPv6 zone's % is written %%.
                `  HostName ${h.address.replaceAll("%", "%%")}`,
                `  Port ${h.port}`,
                h.user === null ? "" : `  User ${h.user}`,
                h.identityFile === null ? "" : `  IdentityFile "${h.identityFile}"`,
              ].join("\n"),
            )
            .join("\n");
          const preview = importSshConfig(text);
          expect(preview.problems).toEqual([]);
          expect(withoutSource(preview)).toEqual(expected(hosts, false));
        }),
        runs(1_000),
      );
    },
    TIMEOUT,
  );

  it(
    "Ansible INI",
    () => {
      fc.assert(
        fc.property(hostsArb, (hosts) => {
          const text = hosts
            .map((h) => {
              const vars = [`ansible_host=${h.address}`, `ansible_port=${h.port}`];
              if (h.user !== null) vars.push(`ansible_user=${h.user}`);
              if (h.identityFile !== null)
                vars.push(`ansible_ssh_private_key_file="${h.identityFile}"`);
              return `[${h.group}]\n${h.name} ${vars.join(" ")}`;
            })
            .join("\n");
          const preview = importAnsibleIni(text);
          expect(preview.problems).toEqual([]);
          expect(withoutSource(preview)).toEqual(expected(hosts, true));
        }),
        runs(1_000),
      );
    },
    TIMEOUT,
  );

  it(
    "Ansible YAML",
    () => {
      fc.assert(
        fc.property(hostsArb, (hosts) => {
          const children: Record<string, { hosts: Record<string, Record<string, unknown>> }> = {};
          for (const h of hosts) {
            const group = children[h.group] ?? { hosts: {} };
            group.hosts[h.name] = {
              ansible_host: h.address,
              ansible_port: h.port,
              ...(h.user === null ? {} : { ansible_user: h.user }),
              ...(h.identityFile === null ? {} : { ansible_ssh_private_key_file: h.identityFile }),
            };
            children[h.group] = group;
          }
          const preview = importAnsibleYaml(stringify({ all: { children } }));
          expect(preview.problems).toEqual([]);
          // YAML groups hosts by group, so compare as sets.
          const sortByName = <T extends { name: string }>(list: T[]) =>
            [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
          expect(sortByName(withoutSource(preview))).toEqual(sortByName(expected(hosts, true)));
        }),
        runs(1_000),
      );
    },
    TIMEOUT,
  );
});
