import type { Role } from "@holmes/core";
import { listAudit } from "@holmes/db/queries/audit";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth } from "../testing";

/** One bad line in each format, at a known line number. */
const BAD_IMPORTS = {
  "ssh-config": {
    text: "Host good01\n  HostName 192.0.2.1\nHost bad01\n  Port ninety\n",
    line: 4,
    good: ["good01"],
  },
  "ansible-ini": {
    text: "[web]\ngood01 ansible_host=192.0.2.1\nbad01 ansible_port=ninety\n",
    line: 3,
    good: ["good01"],
  },
  "ansible-yaml": {
    text: "all:\n  hosts:\n    good01:\n      ansible_host: 192.0.2.1\n    bad01:\n      ansible_port: ninety\n",
    line: 6,
    good: ["good01"],
  },
  "known-hosts": { text: "good01 ssh-ed25519 AAAA\n", line: 1, good: [] },
} as const;

describe.each(testDatabaseKinds())("inventory router on %s", (kind) => {
  const database = useTestDatabase(kind);
  const as = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };

  it("is for admins only: responders, viewers and anonymous callers are refused", async () => {
    const calls: Array<[string, (c: ReturnType<typeof as>) => Promise<unknown>]> = [
      ["list", (c) => c.inventory.list()],
      ["create", (c) => c.inventory.create(newHost("refused01"))],
      ["update", (c) => c.inventory.update({ id: crypto.randomUUID(), ...newHost("x") })],
      ["setEnabled", (c) => c.inventory.setEnabled({ id: crypto.randomUUID(), isEnabled: false })],
      ["previewImport", (c) => c.inventory.previewImport({ format: "ssh-config", text: "" })],
      [
        "applyImport",
        (c) => c.inventory.applyImport({ format: "ssh-config", text: "", confirmed: [] }),
      ],
      ["credentials.list", (c) => c.inventory.credentials.list()],
      ["credentials.create", (c) => c.inventory.credentials.create({ name: "k", privateKey: "x" })],
    ];
    for (const role of ["responder", "viewer", null] as const) {
      for (const [path, call] of calls) {
        const code = await call(as(role)).then(
          () => "OK",
          (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
        );
        expect([path, role, code]).toEqual([path, role, role ? "FORBIDDEN" : "UNAUTHORIZED"]);
      }
    }
    expect(await as("admin").inventory.list()).toEqual([]);
  });

  it.each(Object.entries(BAD_IMPORTS))(
    "previews a %s import with a bad line: the error names the line and nothing is added",
    async (format, sample) => {
      const admin = as("admin");
      const before = await admin.inventory.list();
      const preview = await admin.inventory.previewImport({
        format: format as keyof typeof BAD_IMPORTS,
        text: sample.text,
      });
      expect(preview.add.map((h) => h.name)).toEqual(sample.good);
      const errors = preview.problems.filter((p) => p.severity === "error");
      expect(errors.map((p) => p.line)).toEqual([sample.line]);
      expect(errors[0]?.text).toBe(sample.text.split("\n")[sample.line - 1]?.trim());
      expect(await admin.inventory.list()).toEqual(before);
    },
  );

  it("applies a previewed import: adds and updates hosts, skips unchanged ones, audits it", async () => {
    const admin = as("admin");
    const { db } = database();
    await addHosts(db, [{ name: "imp-old", address: "192.0.2.50", groups: ["keep"] }]);
    const text = [
      "Host imp-new",
      "  HostName 192.0.2.51",
      "  User ops",
      "  IdentityFile ~/.ssh/storage",
      "Host imp-old",
      "  HostName 192.0.2.52",
      "  Port 2222",
      "Host imp-bad",
      "  Port 0",
    ].join("\n");
    const preview = await admin.inventory.previewImport({ format: "ssh-config", text });
    expect(preview.update[0]?.changes.map((c) => c.field)).toEqual(["address", "port"]);
    const result = await admin.inventory.applyImport({
      format: "ssh-config",
      text,
      confirmed: ["imp-new", "imp-old"],
    });
    expect(result).toEqual({ added: ["imp-new"], updated: ["imp-old"], pinned: [] });
    const hosts = await admin.inventory.list();
    expect(hosts.find((h) => h.name === "imp-new")).toMatchObject({
      address: "192.0.2.51",
      port: 22,
      user: "ops",
      identityFile: "~/.ssh/storage",
      isEnabled: true,
      isSimulated: false,
    });
    expect(hosts.find((h) => h.name === "imp-old")).toMatchObject({
      address: "192.0.2.52",
      port: 2222,
      groups: ["keep"],
    });
    expect(hosts.some((h) => h.name === "imp-bad")).toBe(false);
    const { items } = await listAudit(db, { limit: 1 });
    expect(items[0]).toMatchObject({ action: "inventory.applyImport", targetType: "inventory" });
  });

  it("refuses to apply when the plan no longer matches what the admin previewed", async () => {
    const admin = as("admin");
    const text = "Host stale-a\n  HostName 192.0.2.60\nHost stale-b\n  HostName 192.0.2.61\n";
    const attempt = admin.inventory.applyImport({
      format: "ssh-config",
      text,
      confirmed: ["stale-a"],
    });
    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT" });
    const names = (await admin.inventory.list()).map((h) => h.name);
    expect(names).not.toContain("stale-a");
  });

  it("pins host keys from a known_hosts import, only on hosts with none pinned", async () => {
    const admin = as("admin");
    await admin.inventory.create(newHost("kh-01", "192.0.2.70"));
    // The ed25519 public key of the known_hosts fixture in @holmes/inventory.
    const text =
      "192.0.2.70 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII+x5DeQ3Ab+WR2s7qW5ihqdRqRonhdcd/5r4v3rGj1w\n";
    const preview = await admin.inventory.previewImport({ format: "known-hosts", text });
    expect(preview.pin.map((p) => [p.name, p.fingerprint])).toEqual([
      ["kh-01", "SHA256:G6zrt/DzJjau8h5jLdDBWHrLmvVnrqivIKvxzbm3SNI"],
    ]);
    const result = await admin.inventory.applyImport({
      format: "known-hosts",
      text,
      confirmed: ["kh-01"],
    });
    expect(result.pinned).toEqual(["kh-01"]);
    const [target] = await listPollTargets(database().db, ["kh-01"]);
    expect(target?.pinnedHostKey).toBe("SHA256:G6zrt/DzJjau8h5jLdDBWHrLmvVnrqivIKvxzbm3SNI");
  });

  it("adds a host by hand, edits it, and disables it so the collector skips it", async () => {
    const admin = as("admin");
    const { db } = database();
    const created = await admin.inventory.create(newHost("edit-01", "192.0.2.80"));
    await expect(admin.inventory.create(newHost("edit-01"))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin.inventory.update({
      id: created.id,
      address: "edit-01.example.com",
      port: 2200,
      user: "holmes-ro",
      identity: { kind: "file", path: "~/.ssh/edit" },
      groups: ["rack-b", "nfs", "rack-b"],
    });
    expect((await admin.inventory.list()).find((h) => h.id === created.id)).toMatchObject({
      address: "edit-01.example.com",
      port: 2200,
      user: "holmes-ro",
      identityFile: "~/.ssh/edit",
      groups: ["nfs", "rack-b"],
    });
    await expect(
      admin.inventory.update({ id: created.id, ...newHost("x", "not an address") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await listPollTargets(db, ["edit-01"])).length).toBe(1);
    await admin.inventory.setEnabled({ id: created.id, isEnabled: false });
    expect(await listPollTargets(db, ["edit-01"])).toEqual([]);
    expect((await admin.inventory.list()).find((h) => h.id === created.id)?.isEnabled).toBe(false);
  });
});

function newHost(name: string, address = "192.0.2.99") {
  return {
    name,
    address,
    port: 22,
    user: null,
    identity: { kind: "default" as const },
    groups: [],
  };
}
