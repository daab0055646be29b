import {
  AppError,
  type ComponentStatus,
  type StatusComponentEdit,
  type StatusComponentFields,
} from "@holmes/core";
import { arrayOverlaps, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hosts, statusComponents } from "../schema";
import { componentsWithStatus } from "./status-page";

/** The admin view: every component with its groups, override, derived status and host count. */
export async function listComponentsForAdmin(db: Database) {
  const components = await componentsWithStatus(db);
  return Promise.all(
    components.map(async (component) => {
      // Zero hosts in a component's groups usually means a typo in a group name.
      const [count] = component.hostGroups.length
        ? await db
            .select({ hosts: sql<number>`count(*)::int` })
            .from(hosts)
            .where(arrayOverlaps(hosts.groups, component.hostGroups))
        : [{ hosts: 0 }];
      return { ...component, hostCount: count?.hosts ?? 0 };
    }),
  );
}

const componentColumns = {
  id: statusComponents.id,
  name: statusComponents.name,
  description: statusComponents.description,
  hostGroups: statusComponents.hostGroups,
  manualStatus: statusComponents.manualStatus,
  position: statusComponents.position,
};

export async function createComponent(
  db: Database,
  fields: StatusComponentFields,
  actorId: string,
  now: Date,
) {
  return refuseDuplicateName(async () => {
    const [created] = await db
      .insert(statusComponents)
      .values({
        ...fields,
        position: sql`(select coalesce(max(${statusComponents.position}), -1) + 1 from ${statusComponents})`,
        updatedAt: now,
        updatedBy: actorId,
      })
      .returning(componentColumns);
    if (!created) throw new AppError("INTERNAL", { message: "component insert returned nothing" });
    return created;
  });
}

export async function updateComponent(
  db: Database,
  id: string,
  fields: StatusComponentEdit,
  actorId: string,
  now: Date,
) {
  return refuseDuplicateName(async () => {
    const [updated] = await db
      .update(statusComponents)
      .set({ ...fields, updatedAt: now, updatedBy: actorId })
      .where(eq(statusComponents.id, id))
      .returning(componentColumns);
    return updated ?? notFound();
  });
}

export async function setComponentManualStatus(
  db: Database,
  id: string,
  manualStatus: ComponentStatus | null,
  actorId: string,
  now: Date,
) {
  const [updated] = await db
    .update(statusComponents)
    .set({ manualStatus, updatedAt: now, updatedBy: actorId })
    .where(eq(statusComponents.id, id))
    .returning(componentColumns);
  return updated ?? notFound();
}

export async function deleteComponent(db: Database, id: string) {
  const [deleted] = await db
    .delete(statusComponents)
    .where(eq(statusComponents.id, id))
    .returning({ id: statusComponents.id });
  return deleted ?? notFound();
}

/**
 * Puts the components in the given order. The list must name every component exactly once, so
 * an admin working from a stale page cannot silently drop one from the order.
 */
export async function reorderComponents(db: Database, ids: string[], actorId: string, now: Date) {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: statusComponents.id })
      .from(statusComponents)
      .for("update");
    const known = new Set(existing.map((c) => c.id));
    if (
      ids.length !== known.size ||
      new Set(ids).size !== ids.length ||
      !ids.every((id) => known.has(id))
    ) {
      throw new AppError("CONFLICT", {
        userMessage: "The components changed since this page loaded; reload and try again.",
      });
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(statusComponents)
        .set({ position, updatedAt: now, updatedBy: actorId })
        .where(eq(statusComponents.id, id));
    }
    return { ids };
  });
}

function notFound(): never {
  throw new AppError("NOT_FOUND", { userMessage: "No such component." });
}

/** The name is unique; say so in words instead of surfacing the constraint. */
async function refuseDuplicateName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", {
        userMessage: "A component with that name exists already.",
        cause: error,
      });
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
