import { AppError, type Role } from "@holmes/core";
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Database } from "../client";
import { sessions, users } from "../schema";

/** The user fields that may leave the database: never the password (it lives in accounts). */
const userSummary = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.banned,
  createdAt: users.createdAt,
};

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
};

export async function listUsers(db: Database): Promise<UserSummary[]> {
  const rows = await db.select(userSummary).from(users).orderBy(asc(users.email));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export async function countActiveAdmins(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false)));
  return row?.n ?? 0;
}

export async function setUserRole(db: Database, userId: string, role: Role): Promise<UserSummary> {
  return db.transaction(async (tx) => {
    await refuseToRemoveLastAdmin(tx, userId, role !== "admin");
    const [row] = await tx
      .update(users)
      .set({ role, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(userSummary);
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such user" });
    return { ...row, role: row.role as Role };
  });
}

/** Disabling a user also ends every session they hold, so it takes effect at once. */
export async function setUserDisabled(
  db: Database,
  userId: string,
  disabled: boolean,
): Promise<UserSummary> {
  return db.transaction(async (tx) => {
    await refuseToRemoveLastAdmin(tx, userId, disabled);
    const [row] = await tx
      .update(users)
      .set({
        banned: disabled,
        banReason: disabled ? "disabled by an admin" : null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId))
      .returning(userSummary);
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such user" });
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return { ...row, role: row.role as Role };
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function refuseToRemoveLastAdmin(tx: Tx, userId: string, isRemovingAdmin: boolean) {
  if (!isRemovingAdmin) return;
  const [target] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (target?.role !== "admin") return;
  const [others] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false), ne(users.id, userId)));
  if ((others?.n ?? 0) === 0) {
    throw new AppError("CONFLICT", { userMessage: "Holmes needs at least one active admin" });
  }
}
