import { AppError, type Role } from "@holmes/core";
import type { Auth } from "./create-auth";

export type NewUserAccount = {
  email: string;
  name: string;
  role: Role;
  password: string;
};

/** Creates a user through better-auth so the password is hashed the way sign-in verifies it. */
export async function createUserAccount(
  auth: Auth,
  input: NewUserAccount,
): Promise<{ id: string }> {
  try {
    const result = await auth.api.createUser({
      body: { email: input.email, name: input.name, password: input.password, role: input.role },
    });
    return { id: result.user.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/already exists/i.test(message)) {
      throw new AppError("CONFLICT", {
        userMessage: `A user with email ${input.email} already exists`,
      });
    }
    throw new AppError("BAD_REQUEST", {
      userMessage: `Could not create the user: ${message}`,
      cause: error,
    });
  }
}
