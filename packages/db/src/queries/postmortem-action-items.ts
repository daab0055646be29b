import { type ActionItemFields, type ActionTargetKind, AppError } from "@holmes/core";
import { and, asc, eq, inArray, lt, notInArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  actionItemHosts,
  actionItems,
  disks,
  hostCollection,
  hosts,
  incidents,
  postmortems,
  users,
} from "../schema";
import type { Tx } from "./incidents";

/**
 * Action items outlive the document: they are tracked (status, per-host progress) after the
 * post-mortem is approved and published, so they are not bound by its read-only state.
 */

const notFound = () => new AppError("NOT_FOUND", { userMessage: "No such action item." });

/** The one SQL predicate per condition kind: evaluated over the fleet as it is now. */
function matchesTarget(kind: ActionTargetKind, value: string): SQL {
  switch (kind) {
    case "disk_firmware":
      return sql`exists (select 1 from ${disks} d where d.host_id = ${hosts.id} and d.firmware = ${value})`;
    case "disk_model":
      return sql`exists (select 1 from ${disks} d where d.host_id = ${hosts.id} and d.model = ${value})`;
    case "kernel":
      return sql`exists (select 1 from ${hostCollection} c where c.host_id = ${hosts.id} and c.kernel_release = ${value})`;
    case "group":
      return sql`${value} = any(${hosts.groups})`;
  }
}

/** The enabled hosts a condition matches now. */
export async function hostsMatchingTarget(
  db: Database | Tx,
  target: { kind: ActionTargetKind; value: string },
) {
  return db
    .select({ id: hosts.id, name: hosts.name })
    .from(hosts)
    .where(and(eq(hosts.isEnabled, true), matchesTarget(target.kind, target.value)))
    .orderBy(hosts.name);
}

/**
 * Brings an item's host rows up to date: new matches are added, hosts that no longer match
 * (their firmware was updated) stay listed with `stillMatches` false, so progress is never lost.
 */
export async function refreshActionItemHosts(db: Database | Tx, actionItemId: string, now: Date) {
  const [item] = await db
    .select({ kind: actionItems.targetKind, value: actionItems.targetValue })
    .from(actionItems)
    .where(eq(actionItems.id, actionItemId));
  if (!item) throw notFound();
  if (!item.kind || !item.value) {
    await db.delete(actionItemHosts).where(eq(actionItemHosts.actionItemId, actionItemId));
    return { matched: 0 };
  }
  const matched = await hostsMatchingTarget(db, { kind: item.kind, value: item.value });
  const ids = matched.map((h) => h.id);
  if (ids.length > 0) {
    await db
      .insert(actionItemHosts)
      .values(ids.map((hostId) => ({ actionItemId, hostId, addedAt: now })))
      .onConflictDoUpdate({
        target: [actionItemHosts.actionItemId, actionItemHosts.hostId],
        set: { stillMatches: true },
      });
  }
  await db
    .update(actionItemHosts)
    .set({ stillMatches: false })
    .where(
      and(
        eq(actionItemHosts.actionItemId, actionItemId),
        ids.length > 0 ? notInArray(actionItemHosts.hostId, ids) : undefined,
      ),
    );
  return { matched: ids.length };
}

export async function createActionItem(
  db: Database,
  input: ActionItemFields & { postmortemId: string },
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [postmortem] = await tx
      .select({ id: postmortems.id })
      .from(postmortems)
      .where(eq(postmortems.id, input.postmortemId));
    if (!postmortem) throw new AppError("NOT_FOUND", { userMessage: "No such post-mortem." });
    const [item] = await tx
      .insert(actionItems)
      .values({
        postmortemId: input.postmortemId,
        ...columnsOf(input),
        title: input.title,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: actionItems.id });
    if (!item) throw notFound();
    await refreshActionItemHosts(tx, item.id, now);
    return item;
  });
}

export async function updateActionItem(
  db: Database,
  input: Partial<ActionItemFields> & { id: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .update(actionItems)
      .set({ ...columnsOf(input), updatedAt: now })
      .where(eq(actionItems.id, input.id))
      .returning({ id: actionItems.id });
    if (!item) throw notFound();
    if (input.target !== undefined) await refreshActionItemHosts(tx, item.id, now);
    return item;
  });
}

function columnsOf(input: Partial<ActionItemFields>) {
  const { target, ...fields } = input;
  return {
    ...fields,
    ...(target === undefined
      ? {}
      : { targetKind: target?.kind ?? null, targetValue: target?.value ?? null }),
  };
}

export async function deleteActionItem(db: Database, id: string) {
  const [item] = await db
    .delete(actionItems)
    .where(eq(actionItems.id, id))
    .returning({ id: actionItems.id });
  if (!item) throw notFound();
  return item;
}

export async function setActionItemHostDone(
  db: Database,
  input: { id: string; hostId: string; isDone: boolean },
  actorId: string,
  now: Date,
) {
  const [row] = await db
    .update(actionItemHosts)
    .set({
      isDone: input.isDone,
      doneAt: input.isDone ? now : null,
      doneBy: input.isDone ? actorId : null,
    })
    .where(
      and(eq(actionItemHosts.actionItemId, input.id), eq(actionItemHosts.hostId, input.hostId)),
    )
    .returning({ id: actionItemHosts.actionItemId });
  if (!row)
    throw new AppError("NOT_FOUND", { userMessage: "That host is not tracked by this item." });
  return row;
}

/** Items of one post-mortem, or every overdue one; each with its per-host progress. */
export async function listActionItems(
  db: Database,
  filter: { postmortemId: string } | { overdueBefore: string; limit: number },
) {
  const where =
    "postmortemId" in filter
      ? eq(actionItems.postmortemId, filter.postmortemId)
      : and(
          inArray(actionItems.status, ["open", "in_progress"]),
          lt(actionItems.dueDate, filter.overdueBefore),
        );
  const items = await db
    .select({
      id: actionItems.id,
      postmortemId: actionItems.postmortemId,
      postmortemTitle: postmortems.title,
      incidentNumber: incidents.number,
      title: actionItems.title,
      ownerId: actionItems.ownerId,
      ownerName: users.name,
      dueDate: actionItems.dueDate,
      status: actionItems.status,
      link: actionItems.link,
      targetKind: actionItems.targetKind,
      targetValue: actionItems.targetValue,
    })
    .from(actionItems)
    .innerJoin(postmortems, eq(postmortems.id, actionItems.postmortemId))
    .innerJoin(incidents, eq(incidents.id, postmortems.incidentId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(where)
    .orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt))
    .limit("limit" in filter ? filter.limit : 500);
  const hostRows = items.length
    ? await db
        .select({
          actionItemId: actionItemHosts.actionItemId,
          hostId: actionItemHosts.hostId,
          hostName: hosts.name,
          isDone: actionItemHosts.isDone,
          stillMatches: actionItemHosts.stillMatches,
        })
        .from(actionItemHosts)
        .innerJoin(hosts, eq(hosts.id, actionItemHosts.hostId))
        .where(
          inArray(
            actionItemHosts.actionItemId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(hosts.name)
    : [];
  return items.map((item) => {
    const targets = hostRows.filter((h) => h.actionItemId === item.id);
    return {
      ...item,
      hosts: targets.map(({ actionItemId: _, ...h }) => h),
      progress: { done: targets.filter((h) => h.isDone).length, total: targets.length },
    };
  });
}
