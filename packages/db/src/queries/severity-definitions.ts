import { AppError, type SeverityDefinitionInput } from "@holmes/core";
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { severityDefinitions } from "../schema";

/** Rewords one of SEV1–4; the levels themselves are fixed (the migration seeds all four). */
export async function updateSeverityDefinition(
  db: Database,
  input: SeverityDefinitionInput,
  now: Date,
) {
  const [updated] = await db
    .update(severityDefinitions)
    .set({ name: input.name, description: input.description, updatedAt: now })
    .where(eq(severityDefinitions.level, input.level))
    .returning();
  if (!updated) throw new AppError("NOT_FOUND", { userMessage: `No severity SEV${input.level}.` });
  return updated;
}
