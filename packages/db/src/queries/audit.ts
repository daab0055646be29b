import { desc, lt } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog } from "../schema";

export type NewAuditEntry = {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
};

/** Takes a transaction too, so a change and its audit row commit together. */
export async function recordAudit(
  db: Pick<Database, "insert">,
  entry: NewAuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
  });
}

export type AuditPage = {
  items: Array<typeof auditLog.$inferSelect>;
  nextCursor: number | null;
};

/** Newest first; the cursor is the last id seen. */
export async function listAudit(
  db: Database,
  args: { cursor?: number | null; limit: number },
): Promise<AuditPage> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(args.cursor ? lt(auditLog.id, args.cursor) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(args.limit + 1);
  const items = rows.slice(0, args.limit);
  const nextCursor = rows.length > args.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}
