import { createAuth, createUserAccount } from "@holmes/api/auth";
import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { recordAudit } from "@holmes/db/queries/audit";
import { countActiveAdmins } from "@holmes/db/queries/users";
import { generatePassword } from "./runtime";

export const FIRST_ADMIN_EMAIL = "admin@holmes.local";

/** Creates a user as the system (audited with no actor) and returns the password used. */
export async function createAccountAsSystem(
  db: Database,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<{ id: string; password: string }> {
  // Hashing needs no cookie secret; a throwaway one keeps better-auth from warning.
  const auth = createAuth({
    db,
    secret: generatePassword() + generatePassword(),
    baseUrl: "http://localhost",
  });
  const password = input.password ?? generatePassword();
  const { id } = await createUserAccount(auth, { ...input, password });
  await recordAudit(db, {
    actorId: null,
    actorEmail: null,
    action: "cli.user.create",
    targetType: "user",
    targetId: id,
    detail: { email: input.email, role: input.role },
  });
  return { id, password };
}

/** On a fresh database, creates the first admin with a generated password; null otherwise. */
export async function ensureFirstAdmin(
  db: Database,
): Promise<{ email: string; password: string } | null> {
  if ((await countActiveAdmins(db)) > 0) return null;
  const { password } = await createAccountAsSystem(db, {
    email: FIRST_ADMIN_EMAIL,
    name: "First admin",
    role: "admin",
  });
  return { email: FIRST_ADMIN_EMAIL, password };
}
