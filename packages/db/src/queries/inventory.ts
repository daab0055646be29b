import { AppError } from "@holmes/core";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { hosts, sshCredentials } from "../schema";
import { requireCredential } from "./credentials";

/** The inventory as admins see it: key references by path or credential name, never keys. */
const inventorySummary = {
  id: hosts.id,
  name: hosts.name,
  address: hosts.address,
  port: hosts.port,
  user: hosts.username,
  identityFile: hosts.identityFile,
  credentialId: hosts.credentialId,
  credentialName: sshCredentials.name,
  groups: hosts.groups,
  isEnabled: hosts.isEnabled,
  isSimulated: hosts.isSimulated,
  pinnedHostKey: hosts.pinnedHostKey,
  updatedAt: hosts.updatedAt,
};

export type InventoryHostRow = {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  credentialId: string | null;
  credentialName: string | null;
  groups: string[];
  isEnabled: boolean;
  isSimulated: boolean;
  pinnedHostKey: string | null;
  updatedAt: Date;
};

export async function listInventoryHosts(db: Database): Promise<InventoryHostRow[]> {
  return db
    .select(inventorySummary)
    .from(hosts)
    .leftJoin(sshCredentials, eq(sshCredentials.id, hosts.credentialId))
    .orderBy(asc(hosts.name));
}

/** The editable fields of a host. A key file and a stored credential exclude each other. */
export type HostSettings = {
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  credentialId: string | null;
  groups: string[];
};

function toColumns(settings: HostSettings) {
  const { user, credentialId, ...rest } = settings;
  return {
    ...rest,
    username: user,
    credentialId,
    identityFile: credentialId ? null : rest.identityFile,
  };
}

export async function createInventoryHost(
  db: Database,
  host: HostSettings & { name: string },
): Promise<{ id: string; name: string }> {
  if (host.credentialId) await requireCredential(db, host.credentialId);
  const [row] = await db
    .insert(hosts)
    .values({ name: host.name, ...toColumns(host) })
    .onConflictDoNothing({ target: hosts.name })
    .returning({ id: hosts.id, name: hosts.name });
  if (!row) {
    throw new AppError("CONFLICT", { userMessage: `A host named "${host.name}" already exists.` });
  }
  return row;
}

export async function updateInventoryHost(
  db: Database,
  id: string,
  settings: HostSettings,
): Promise<{ id: string; name: string }> {
  if (settings.credentialId) await requireCredential(db, settings.credentialId);
  const [row] = await db
    .update(hosts)
    .set({ ...toColumns(settings), updatedAt: new Date() })
    .where(eq(hosts.id, id))
    .returning({ id: hosts.id, name: hosts.name });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such host" });
  return row;
}

/** A disabled host stays in the inventory with its history; the collector skips it. */
export async function setHostEnabled(
  db: Database,
  id: string,
  isEnabled: boolean,
): Promise<{ id: string; name: string; isEnabled: boolean }> {
  const [row] = await db
    .update(hosts)
    .set({ isEnabled, updatedAt: new Date() })
    .where(eq(hosts.id, id))
    .returning({ id: hosts.id, name: hosts.name, isEnabled: hosts.isEnabled });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such host" });
  return row;
}

/** What an import compares against: every host, with the key reference as a label. */
export async function listImportTargets(db: Database) {
  return db
    .select({
      name: hosts.name,
      address: hosts.address,
      port: hosts.port,
      user: hosts.username,
      identityFile: hosts.identityFile,
      credentialName: sshCredentials.name,
      groups: hosts.groups,
      isSimulated: hosts.isSimulated,
      pinnedHostKey: hosts.pinnedHostKey,
    })
    .from(hosts)
    .leftJoin(sshCredentials, eq(sshCredentials.id, hosts.credentialId));
}

export type ImportedHost = {
  name: string;
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  groups: string[];
};

/**
 * Applies an import in one transaction: all of it or none. A host added meanwhile under a new
 * name, or turned simulated, fails the whole apply as a CONFLICT rather than being overwritten.
 */
export async function applyHostImport(
  db: Database,
  changes: { add: ImportedHost[]; update: ImportedHost[] },
): Promise<{ added: string[]; updated: string[] }> {
  return db.transaction(async (tx) => {
    const added = changes.add.length
      ? await tx
          .insert(hosts)
          .values(changes.add.map(({ user, ...host }) => ({ ...host, username: user })))
          .onConflictDoNothing({ target: hosts.name })
          .returning({ name: hosts.name })
      : [];
    const updated: string[] = [];
    for (const { name, user, identityFile, ...rest } of changes.update) {
      // A key file named by the import replaces a stored credential; none keeps the credential.
      const identity = identityFile === null ? {} : { identityFile, credentialId: null };
      const [row] = await tx
        .update(hosts)
        .set({ ...rest, ...identity, username: user, updatedAt: new Date() })
        .where(and(eq(hosts.name, name), eq(hosts.isSimulated, false)))
        .returning({ name: hosts.name });
      if (row) updated.push(row.name);
    }
    if (added.length !== changes.add.length || updated.length !== changes.update.length) {
      throw staleImport();
    }
    return { added: added.map((row) => row.name), updated };
  });
}

/** Pins imported host keys, only on hosts that still have none pinned. */
export async function pinImportedHostKeys(
  db: Database,
  pins: ReadonlyArray<{ name: string; fingerprint: string }>,
  at: Date,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const pinned: string[] = [];
    for (const pin of pins) {
      const [row] = await tx
        .update(hosts)
        .set({ pinnedHostKey: pin.fingerprint, pinnedHostKeyAt: at, updatedAt: at })
        .where(
          and(eq(hosts.name, pin.name), isNull(hosts.pinnedHostKey), eq(hosts.isSimulated, false)),
        )
        .returning({ name: hosts.name });
      if (row) pinned.push(row.name);
    }
    if (pinned.length !== pins.length) throw staleImport();
    return pinned;
  });
}

export function staleImport(): AppError {
  return new AppError("CONFLICT", {
    userMessage: "The inventory changed since this preview. Preview the import again.",
  });
}
