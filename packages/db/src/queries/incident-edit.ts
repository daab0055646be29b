import { AppError, type UpdateIncidentInput } from "@holmes/core";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { incidentHosts, incidents, users } from "../schema";
import { changeStatusInTx, recordIncidentEvent, type Tx } from "./incidents";
import { enqueueWebhookEvent } from "./webhook-outbox";

const ROLE_COLUMNS = {
  commander: "commanderId",
  scribe: "scribeId",
  commsLead: "commsLeadId",
} as const;

/**
 * Edits incident fields under a version check: the caller names the version it saw, and if
 * someone else saved since, nothing is written and the error says who and when.
 */
export async function updateIncident(
  db: Database,
  input: UpdateIncidentInput,
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [incident] = await tx
      .select()
      .from(incidents)
      .where(eq(incidents.id, input.incidentId))
      .for("update");
    if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
    if (incident.version !== input.expectedVersion) {
      throw await staleEditError(tx, incident.updatedBy, incident.updatedAt);
    }
    const event = (kind: string, data: object) =>
      recordIncidentEvent(tx, { incidentId: incident.id, actorId, kind, at: now, data });
    const changes: Partial<typeof incidents.$inferInsert> = {};
    if (input.title !== undefined && input.title !== incident.title) {
      changes.title = input.title;
      await event("title_changed", { from: incident.title, to: input.title });
    }
    if (input.severity !== undefined && input.severity !== incident.severity) {
      changes.severity = input.severity;
      await event("severity_changed", { from: incident.severity, to: input.severity });
    }
    for (const [role, userId] of Object.entries(input.roles ?? {})) {
      const column = ROLE_COLUMNS[role as keyof typeof ROLE_COLUMNS];
      if (incident[column] === userId) continue;
      changes[column] = userId;
      await event("role_changed", { role, from: incident[column], to: userId });
    }
    for (const field of ["startedAt", "detectedAt", "mitigatedAt"] as const) {
      const value = input[field];
      if (value === undefined || value?.getTime() === incident[field]?.getTime()) continue;
      if (field === "startedAt" && value === null) continue;
      Object.assign(changes, { [field]: value });
      await event("time_changed", { field, from: incident[field], to: value });
    }
    if (input.hostIds) await replaceHosts(tx, incident.id, input.hostIds, event);
    await tx
      .update(incidents)
      .set({
        ...changes,
        updatedAt: now,
        updatedBy: actorId,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, incident.id));
    if (input.status && input.status !== incident.status) {
      const [current] = await tx.select().from(incidents).where(eq(incidents.id, incident.id));
      if (current) await changeStatusInTx(tx, current, input.status, actorId, now);
    }
    const [saved] = await tx.select().from(incidents).where(eq(incidents.id, incident.id));
    if (saved && changes.severity !== undefined) {
      await enqueueWebhookEvent(tx, "incident.severity_changed", saved, {
        change: { from: incident.severity, to: changes.severity },
      });
    }
    return saved;
  });
}

async function staleEditError(tx: Tx, updatedBy: string | null, updatedAt: Date) {
  const [editor] = updatedBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, updatedBy))
    : [];
  return new AppError("CONFLICT", {
    userMessage: `Changed by ${editor?.name ?? "someone"} at ${updatedAt.toISOString()}: reload to see their change, then apply yours again.`,
  });
}

async function replaceHosts(
  tx: Tx,
  incidentId: string,
  hostIds: string[],
  event: (kind: string, data: object) => Promise<void>,
) {
  const current = await tx
    .select({ hostId: incidentHosts.hostId })
    .from(incidentHosts)
    .where(eq(incidentHosts.incidentId, incidentId));
  const before = new Set(current.map((row) => row.hostId));
  const after = new Set(hostIds);
  const added = hostIds.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !after.has(id));
  if (removed.length > 0) {
    await tx
      .delete(incidentHosts)
      .where(and(eq(incidentHosts.incidentId, incidentId), inArray(incidentHosts.hostId, removed)));
  }
  if (added.length > 0) {
    await tx.insert(incidentHosts).values(added.map((hostId) => ({ incidentId, hostId })));
  }
  if (added.length > 0 || removed.length > 0) await event("hosts_changed", { added, removed });
}
