import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ImportTarget, planInventoryImport, plannedChanges } from "./inventory-import";

const fixtureLines = readFileSync(
  new URL("./__fixtures__/known-hosts.txt", import.meta.url),
  "utf8",
)
  .split("\n")
  .map((line) => line.split(" "));
/** `type base64` of fixture lines 3 (ed25519) and 4 (RSA), to write known_hosts lines with. */
const ED25519 = fixtureLines[2]?.slice(1, 3).join(" ") ?? "";
const RSA = fixtureLines[3]?.slice(1, 3).join(" ") ?? "";
const ED25519_FP = "SHA256:G6zrt/DzJjau8h5jLdDBWHrLmvVnrqivIKvxzbm3SNI";
const RSA_FP = "SHA256:+dT2hDlPU155NRdVTdqp4ot2pJeYA6qxwCKxpYtgCTo";

function host(name: string, fields: Partial<ImportTarget> = {}): ImportTarget {
  return {
    name,
    address: `${name}.example.com`,
    port: 22,
    user: null,
    identityFile: null,
    credentialName: null,
    groups: [],
    isSimulated: false,
    pinnedHostKey: null,
    ...fields,
  };
}

describe("planInventoryImport for host formats", () => {
  const config = [
    "Host new01", // 1
    "  HostName 192.0.2.1", // 2
    "Host same01", // 3
    "  HostName same01.example.com", // 4
    "Host moved01", // 5
    "  HostName 192.0.2.9", // 6
    "  Port 2222", // 7
    "Host sim01", // 8
    "  HostName 192.0.2.3", // 9
    "Host keyed01", // 10
    "  HostName keyed01.example.com", // 11
    "  IdentityFile ~/.ssh/stor", // 12
    "Host bad01", // 13
    "  Port nope", // 14
  ].join("\n");
  const existing = [
    host("same01", { user: "ops", groups: ["prod"] }),
    host("moved01", { groups: ["prod"] }),
    host("sim01", { address: "127.0.0.1", isSimulated: true }),
    host("keyed01", { credentialName: "deploy" }),
  ];
  const plan = planInventoryImport("ssh-config", config, existing);

  it("adds new hosts with the line they came from", () => {
    expect(plan.add).toEqual([
      {
        name: "new01",
        line: 1,
        address: "192.0.2.1",
        port: 22,
        user: null,
        identityFile: null,
        groups: [],
      },
    ]);
  });

  it("updates only stated fields: user and groups the file does not state are kept", () => {
    const moved = plan.update.find((u) => u.name === "moved01");
    expect(moved?.changes).toEqual([
      { field: "address", from: "moved01.example.com", to: "192.0.2.9" },
      { field: "port", from: "22", to: "2222" },
    ]);
    expect(moved?.groups).toEqual(["prod"]);
    expect(plan.skip).toContainEqual({
      name: "same01",
      line: 3,
      reason: "already in the inventory as is",
    });
  });

  it("shows a key file replacing a stored credential as a change", () => {
    expect(plan.update.find((u) => u.name === "keyed01")?.changes).toEqual([
      { field: "identity", from: "credential deploy", to: "~/.ssh/stor" },
    ]);
  });

  it("never changes a simulated host", () => {
    expect(plan.skip.map((s) => s.name)).toContain("sim01");
    expect(plannedChanges(plan)).toEqual(["keyed01", "moved01", "new01"]);
  });

  it("reports the bad line by number and leaves its host out", () => {
    expect(plan.problems).toContainEqual({
      line: 14,
      severity: "error",
      message: expect.stringContaining('"nope"'),
      text: "Port nope",
    });
    expect(plannedChanges(plan)).not.toContain("bad01");
  });

  it("replaces groups from an Ansible inventory, which states them", () => {
    const ini = "[web]\nmoved01 ansible_host=moved01.example.com\n";
    const ansible = planInventoryImport("ansible-ini", ini, existing);
    expect(ansible.update).toEqual([
      expect.objectContaining({
        name: "moved01",
        changes: [{ field: "groups", from: "prod", to: "web" }],
      }),
    ]);
  });
});

describe("planInventoryImport for known_hosts", () => {
  const hosts = [
    host("stor01", { address: "192.0.2.11" }),
    host("nas01", { address: "192.0.2.20", port: 2222 }),
    host("pinned01", { pinnedHostKey: ED25519_FP }),
    host("other01", { pinnedHostKey: RSA_FP }),
    host("sim01", { address: "127.0.0.1", port: 2200, isSimulated: true }),
  ];
  const text = [
    `192.0.2.11 ${RSA}`, // 1
    `192.0.2.11 ${ED25519}`, // 2
    `[192.0.2.20]:2222 ${RSA}`, // 3
    `pinned01.example.com ${ED25519}`, // 4
    `other01 ${ED25519}`, // 5
    `[127.0.0.1]:2200 ${ED25519}`, // 6
    `nowhere.example.com ${ED25519}`, // 7
    "broken.example.com ssh-ed25519 AAAA", // 8
  ].join("\n");
  const plan = planInventoryImport("known-hosts", text, hosts);

  it("pins the key type the collector negotiates first, matched by address and port", () => {
    expect(plan.pin).toEqual([
      { name: "stor01", line: 2, keyType: "ssh-ed25519", fingerprint: ED25519_FP },
      { name: "nas01", line: 3, keyType: "ssh-rsa", fingerprint: RSA_FP },
    ]);
    expect(plan.add).toEqual([]);
    expect(plan.update).toEqual([]);
  });

  it("leaves pinned and simulated hosts alone, saying why", () => {
    expect(plan.skip).toEqual([
      { name: "pinned01", line: 4, reason: "this key is already pinned" },
      { name: "other01", line: 5, reason: expect.stringContaining(`(${RSA_FP}) is pinned`) },
      { name: "sim01", line: 6, reason: expect.stringContaining("simulated") },
    ]);
  });

  it("warns about entries for unknown hosts and reports bad lines by number", () => {
    expect(plan.problems.map((p) => [p.line, p.severity])).toEqual([
      [7, "warning"],
      [8, "error"],
    ]);
    expect(plan.problems[0]?.text).toBe(`nowhere.example.com ${ED25519}`);
  });
});
