import { AppError } from "@holmes/core";
import { asc, count, eq } from "drizzle-orm";
import type { Database } from "../client";
import { hosts, sshCredentials } from "../schema";

/**
 * What may leave the database about a stored key: never `sealedPrivateKey`. Only the collector's
 * `listPollTargets` (queries/hosts.ts) selects that column.
 */
const credentialSummary = {
  id: sshCredentials.id,
  name: sshCredentials.name,
  fingerprint: sshCredentials.publicKeyFingerprint,
  createdAt: sshCredentials.createdAt,
};

export type CredentialSummary = {
  id: string;
  name: string;
  fingerprint: string | null;
  createdAt: Date;
};

export async function listCredentials(
  db: Database,
): Promise<Array<CredentialSummary & { hostCount: number }>> {
  return db
    .select({ ...credentialSummary, hostCount: count(hosts.id) })
    .from(sshCredentials)
    .leftJoin(hosts, eq(hosts.credentialId, sshCredentials.id))
    .groupBy(sshCredentials.id)
    .orderBy(asc(sshCredentials.name));
}

/** Stores a key already sealed by the caller; this module never sees the key in clear. */
export async function createCredential(
  db: Database,
  credential: { name: string; sealedPrivateKey: string; fingerprint: string | null },
): Promise<CredentialSummary> {
  const [row] = await db
    .insert(sshCredentials)
    .values({
      name: credential.name,
      sealedPrivateKey: credential.sealedPrivateKey,
      publicKeyFingerprint: credential.fingerprint,
    })
    .onConflictDoNothing({ target: sshCredentials.name })
    .returning(credentialSummary);
  if (!row) {
    throw new AppError("CONFLICT", {
      userMessage: `A credential named "${credential.name}" already exists. Pick another name.`,
    });
  }
  return row;
}

/** Refuses a credential id that does not exist, before a host is pointed at it. */
export async function requireCredential(db: Database, id: string): Promise<void> {
  const [row] = await db
    .select({ id: sshCredentials.id })
    .from(sshCredentials)
    .where(eq(sshCredentials.id, id));
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That credential no longer exists." });
}
