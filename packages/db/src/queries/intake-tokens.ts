import { AppError } from "@holmes/core";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { intakeTokens, users } from "../schema";

/** What may leave the database about an intake token: never its hash. */
const tokenSummary = {
  id: intakeTokens.id,
  name: intakeTokens.name,
  createdAt: intakeTokens.createdAt,
  lastUsedAt: intakeTokens.lastUsedAt,
  revokedAt: intakeTokens.revokedAt,
};

export type IntakeTokenSummary = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function listIntakeTokens(
  db: Database,
): Promise<Array<IntakeTokenSummary & { createdByName: string | null }>> {
  return db
    .select({ ...tokenSummary, createdByName: users.name })
    .from(intakeTokens)
    .leftJoin(users, eq(users.id, intakeTokens.createdBy))
    .orderBy(asc(intakeTokens.name));
}

/** Stores the SHA-256 of a token the caller generated; the token itself is never stored. */
export async function createIntakeToken(
  db: Database,
  token: { name: string; tokenSha256: string; createdBy: string | null },
): Promise<IntakeTokenSummary> {
  const [row] = await db
    .insert(intakeTokens)
    .values(token)
    .onConflictDoNothing({ target: intakeTokens.name })
    .returning(tokenSummary);
  if (!row) {
    throw new AppError("CONFLICT", {
      userMessage: `A token named "${token.name}" already exists. Pick another name.`,
    });
  }
  return row;
}

/** Revoking twice keeps the first time; the row stays so the list shows when it happened. */
export async function revokeIntakeToken(
  db: Database,
  id: string,
  now: Date,
): Promise<IntakeTokenSummary> {
  await db
    .update(intakeTokens)
    .set({ revokedAt: now })
    .where(and(eq(intakeTokens.id, id), isNull(intakeTokens.revokedAt)));
  const [row] = await db.select(tokenSummary).from(intakeTokens).where(eq(intakeTokens.id, id));
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such token." });
  return row;
}

/** The token a request's bearer hashes to, if it exists and is not revoked. */
export async function findActiveIntakeToken(
  db: Database,
  tokenSha256: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: intakeTokens.id, name: intakeTokens.name })
    .from(intakeTokens)
    .where(and(eq(intakeTokens.tokenSha256, tokenSha256), isNull(intakeTokens.revokedAt)));
  return row ?? null;
}
