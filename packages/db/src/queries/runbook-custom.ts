import { AppError } from "@holmes/core";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { customRunbooks, customRunbookVersions, users } from "../schema";

export type CustomRunbookText = {
  id: string;
  title: string;
  version: number;
  markdown: string;
  contentHash: string;
  updatedAt: Date;
  updatedByName: string | null;
};

const author = sql<
  string | null
>`(select name from users u where u.id = ${customRunbooks.updatedBy})`;

/** The newest version of every custom runbook, for the catalogue (parsed by the caller). */
export async function listCustomRunbooks(db: Database): Promise<CustomRunbookText[]> {
  return db
    .select({
      id: customRunbooks.id,
      title: customRunbooks.title,
      version: customRunbooks.version,
      markdown: customRunbookVersions.markdown,
      contentHash: customRunbookVersions.contentHash,
      updatedAt: customRunbooks.updatedAt,
      updatedByName: author,
    })
    .from(customRunbooks)
    .innerJoin(
      customRunbookVersions,
      and(
        eq(customRunbookVersions.runbookId, customRunbooks.id),
        eq(customRunbookVersions.version, customRunbooks.version),
      ),
    )
    .orderBy(asc(customRunbooks.id));
}

export async function customRunbookById(
  db: Database,
  id: string,
): Promise<CustomRunbookText | null> {
  const all = await listCustomRunbooks(db);
  return all.find((runbook) => runbook.id === id) ?? null;
}

export type CustomRunbookVersionRow = {
  version: number;
  authorName: string | null;
  createdAt: Date;
  contentHash: string;
};

export async function customRunbookHistory(
  db: Database,
  id: string,
): Promise<CustomRunbookVersionRow[]> {
  return db
    .select({
      version: customRunbookVersions.version,
      authorName: users.name,
      createdAt: customRunbookVersions.createdAt,
      contentHash: customRunbookVersions.contentHash,
    })
    .from(customRunbookVersions)
    .leftJoin(users, eq(users.id, customRunbookVersions.authorId))
    .where(eq(customRunbookVersions.runbookId, id))
    .orderBy(desc(customRunbookVersions.version));
}

export type SaveCustomRunbook = {
  id: string;
  title: string;
  markdown: string;
  contentHash: string;
  /** null to create; otherwise the version the editor started from. */
  expectedVersion: number | null;
  actorId: string;
  now: Date;
};

/**
 * Saves a new version. Creating an id that exists, or editing from a version that is no longer
 * the newest, is refused with who saved last and when: nothing is silently overwritten.
 */
export async function saveCustomRunbook(db: Database, input: SaveCustomRunbook): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from custom_runbooks where id = ${input.id} for update`);
    const [head] = await tx
      .select({ version: customRunbooks.version, updatedAt: customRunbooks.updatedAt, by: author })
      .from(customRunbooks)
      .where(eq(customRunbooks.id, input.id));
    const current = head?.version ?? null;
    if (current !== input.expectedVersion) {
      const who = head ? `${head.by ?? "someone"} at ${head.updatedAt.toISOString()}` : "";
      throw new AppError("CONFLICT", {
        message: `custom runbook ${input.id}: expected version ${input.expectedVersion}, found ${current}`,
        userMessage:
          input.expectedVersion === null
            ? `A runbook with the id "${input.id}" already exists (saved by ${who}).`
            : head
              ? `Changed by ${who} (now version ${head.version}): reload and apply your edit again.`
              : `The runbook "${input.id}" does not exist.`,
      });
    }
    const version = (current ?? 0) + 1;
    if (current === null) {
      await tx.insert(customRunbooks).values({
        id: input.id,
        title: input.title,
        version,
        createdBy: input.actorId,
        createdAt: input.now,
        updatedBy: input.actorId,
        updatedAt: input.now,
      });
    } else {
      await tx
        .update(customRunbooks)
        .set({ title: input.title, version, updatedBy: input.actorId, updatedAt: input.now })
        .where(eq(customRunbooks.id, input.id));
    }
    await tx.insert(customRunbookVersions).values({
      runbookId: input.id,
      version,
      markdown: input.markdown,
      contentHash: input.contentHash,
      authorId: input.actorId,
      createdAt: input.now,
    });
    return version;
  });
}
