import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listPollTargets } from "@holmes/db/queries/hosts";
import { auditLog, sshCredentials } from "@holmes/db/schema";
import { unsealSecret } from "@holmes/db/sealed-secret";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { createTestAuth, fakeUser } from "../testing";

const CREDENTIALS_KEY = "inventory-test-credentials-key-0123456789";

// A real OpenSSH key made per run (CI installs OpenSSH), so no private key is committed.
const dir = mkdtempSync(join(tmpdir(), "holmes-cred-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "t", "-f", join(dir, "k")]);
const PRIVATE_KEY = readFileSync(join(dir, "k"), "utf8");
const FINGERPRINT = execFileSync("ssh-keygen", ["-l", "-f", join(dir, "k")], {
  encoding: "utf8",
}).split(" ")[1];
/** Every line of the key body: none may appear in anything that leaves the server. */
const KEY_LINES = PRIVATE_KEY.trim().split("\n").slice(1, -1);

function expectNoKeyMaterial(label: string, text: string) {
  for (const line of KEY_LINES) expect([label, text.includes(line)]).toEqual([label, false]);
}

describe.each(testDatabaseKinds())("stored credentials on %s", (kind) => {
  const database = useTestDatabase(kind);

  /** The real HTTP handler (errorFormatter and superjson included), as the browser calls it. */
  async function http(
    path: string,
    input?: unknown,
    credentialsKey: string | null = CREDENTIALS_KEY,
  ) {
    const { db } = database();
    const isQuery = !path.endsWith("create") && !path.endsWith("update");
    const encoded = JSON.stringify(superjson.serialize(input));
    const url = new URL(`http://holmes.test/api/trpc/${path}`);
    if (isQuery && input !== undefined) url.searchParams.set("input", encoded);
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request(
        url,
        isQuery
          ? {}
          : { method: "POST", body: encoded, headers: { "content-type": "application/json" } },
      ),
      createContext: () =>
        createContextInner({
          db,
          auth: createTestAuth(db),
          user: fakeUser("admin"),
          credentialsKey: credentialsKey ?? undefined,
        }),
    });
    const body = await response.text();
    return { status: response.status, body };
  }

  it("refuses an upload when the server has no credentials key, saying which setting", async () => {
    const response = await http(
      "inventory.credentials.create",
      { name: "k0", privateKey: PRIVATE_KEY },
      null,
    );
    expect(response.status).toBe(412);
    expect(response.body).toContain("HOLMES_CREDENTIALS_KEY");
    expectNoKeyMaterial("412 response", response.body);
  });

  it("refuses text that is not a usable key without echoing it", async () => {
    const broken = PRIVATE_KEY.replace(KEY_LINES[1] ?? "", "");
    const response = await http("inventory.credentials.create", { name: "k1", privateKey: broken });
    expect(response.status).toBe(400);
    expect(response.body).toContain("Not stored");
    expectNoKeyMaterial("400 response", response.body);
  });

  it("stores the key sealed and never sends or audits any line of it", async () => {
    const { db } = database();
    const created = await http("inventory.credentials.create", {
      name: "fleet-ro",
      privateKey: `${PRIVATE_KEY.replace(/\n/g, "\r\n")}\n`,
    });
    expect(created.status).toBe(200);
    expect(created.body).toContain(FINGERPRINT);
    const { id } = superjson.deserialize<{ id: string }>(JSON.parse(created.body).result.data);

    const [row] = await db.select().from(sshCredentials).where(eq(sshCredentials.id, id));
    expectNoKeyMaterial("sealed column", row?.sealedPrivateKey ?? "");
    expect(unsealSecret(row?.sealedPrivateKey ?? "", CREDENTIALS_KEY)).toBe(PRIVATE_KEY);

    const host = await http("inventory.create", {
      name: "cred-host",
      address: "192.0.2.90",
      port: 22,
      user: null,
      identity: { kind: "credential", credentialId: id },
      groups: [],
    });
    expect(host.status).toBe(200);
    const listed = await http("inventory.credentials.list");
    expect(listed.body).toContain(FINGERPRINT);
    const hosts = await http("inventory.list");
    expect(hosts.body).toContain('"credentialName":"fleet-ro"');
    const audit = await http("admin.audit.list", { limit: 50 });
    for (const [label, response] of Object.entries({ created, host, listed, hosts, audit })) {
      expectNoKeyMaterial(label, response.body);
    }

    const rows = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "inventory.credentials.create"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toEqual({ name: "fleet-ro", privateKey: "[redacted]" });
    expectNoKeyMaterial("audit row", JSON.stringify(rows));

    // The collector is the one reader of the sealed column.
    const [target] = await listPollTargets(db, ["cred-host"]);
    expect(target?.sealedPrivateKey).toBe(row?.sealedPrivateKey);
  });

  it("refuses a second credential under the same name", async () => {
    const response = await http("inventory.credentials.create", {
      name: "fleet-ro",
      privateKey: PRIVATE_KEY,
    });
    expect(response.status).toBe(409);
    expectNoKeyMaterial("409 response", response.body);
  });
});
