import {
  AppError,
  type DeclareIncidentInput,
  type IncidentStatus,
  type PostUpdateInput,
} from "@holmes/core";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  type Incident,
  incidentEvents,
  incidentFindings,
  incidentHosts,
  incidents,
  incidentUpdates,
} from "../schema";
import { requestEvidenceCapture } from "./evidence-requests";
import { enqueueStatusChange, enqueueWebhookEvent } from "./webhook-outbox";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export async function recordIncidentEvent(
  tx: Tx | Database,
  entry: { incidentId: string; actorId: string | null; kind: string; at: Date; data?: object },
) {
  await tx.insert(incidentEvents).values({
    incidentId: entry.incidentId,
    actorId: entry.actorId,
    kind: entry.kind,
    at: entry.at,
    data: (entry.data ?? {}) as Record<string, unknown>,
  });
}

export type DeclareInput = DeclareIncidentInput & {
  source?: string;
  alertGroupKey?: string | null;
};

/** Declares an incident with its hosts and findings; the first update carries the summary. */
export async function declareIncident(
  db: Database,
  input: DeclareInput,
  actorId: string | null,
  now: Date,
): Promise<Incident> {
  return db.transaction((tx) => declareIncidentInTx(tx, input, actorId, now));
}

/** The declaration inside the caller's transaction (alert intake declares and appends in one). */
export async function declareIncidentInTx(
  tx: Tx,
  input: DeclareInput,
  actorId: string | null,
  now: Date,
): Promise<Incident> {
  const [incident] = await tx
    .insert(incidents)
    .values({
      title: input.title,
      severity: input.severity,
      source: input.source ?? "manual",
      alertGroupKey: input.alertGroupKey ?? null,
      startedAt: input.startedAt ?? now,
      detectedAt: now,
      // A person declaring it has, by definition, acknowledged it; an alert has not.
      acknowledgedAt: actorId ? now : null,
      commanderId: actorId,
      createdBy: actorId,
      updatedBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!incident) throw new AppError("INTERNAL", { message: "incident insert returned nothing" });
  if (input.hostIds.length > 0) {
    await tx
      .insert(incidentHosts)
      .values(input.hostIds.map((hostId) => ({ incidentId: incident.id, hostId })))
      .onConflictDoNothing();
    // The evidence vault records each named host's state at its next poll, before anyone acts.
    await requestEvidenceCapture(tx, {
      hostIds: input.hostIds,
      reason: "incident",
      context: { incidentId: incident.id, incidentNumber: incident.number },
      now,
    });
  }
  if (input.findingIds.length > 0) {
    await tx
      .insert(incidentFindings)
      .values(input.findingIds.map((findingId) => ({ incidentId: incident.id, findingId })))
      .onConflictDoNothing();
  }
  await recordIncidentEvent(tx, {
    incidentId: incident.id,
    actorId,
    kind: "declared",
    at: now,
    data: { title: incident.title, severity: incident.severity, source: incident.source },
  });
  if (input.summary) {
    await tx.insert(incidentUpdates).values({
      incidentId: incident.id,
      authorId: actorId,
      audience: "internal",
      body: input.summary,
      idempotencyKey: `declare:${incident.id}`,
      createdAt: now,
    });
  }
  await enqueueWebhookEvent(tx, "incident.declared", incident);
  return incident;
}

/** The timestamps a status change sets: first mitigation, resolution, and a reopen clearing it. */
export function statusTimestamps(incident: Incident, status: IncidentStatus, now: Date) {
  return {
    status,
    mitigatedAt:
      status === "monitoring" || status === "resolved"
        ? (incident.mitigatedAt ?? now)
        : incident.mitigatedAt,
    resolvedAt: status === "resolved" ? now : null,
  };
}

export async function changeStatusInTx(
  tx: Tx,
  incident: Incident,
  status: IncidentStatus,
  actorId: string | null,
  now: Date,
) {
  if (incident.status === status) return;
  await tx
    .update(incidents)
    .set({
      ...statusTimestamps(incident, status, now),
      updatedAt: now,
      updatedBy: actorId,
      version: sql`${incidents.version} + 1`,
    })
    .where(eq(incidents.id, incident.id));
  await recordIncidentEvent(tx, {
    incidentId: incident.id,
    actorId,
    kind: incident.status === "resolved" ? "reopened" : "status_changed",
    at: now,
    data: { from: incident.status, to: status },
  });
  await enqueueStatusChange(tx, incident, {
    ...incident,
    ...statusTimestamps(incident, status, now),
  });
}

/**
 * Posts a status update. The same idempotency key (a retry of the same draft) returns the first
 * post instead of storing a second; a status change in the same post is applied atomically.
 */
export async function postIncidentUpdate(
  db: Database,
  input: PostUpdateInput,
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, input.incidentId));
    if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
    const [inserted] = await tx
      .insert(incidentUpdates)
      .values({
        incidentId: input.incidentId,
        authorId: actorId,
        audience: input.audience,
        body: input.body,
        statusChange: input.statusChange ?? null,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [first] = await tx
        .select()
        .from(incidentUpdates)
        .where(
          and(
            eq(incidentUpdates.incidentId, input.incidentId),
            eq(incidentUpdates.idempotencyKey, input.idempotencyKey),
          ),
        );
      if (!first) throw new AppError("CONFLICT", { userMessage: "The update could not be saved." });
      return { update: first, isDuplicate: true };
    }
    let current = incident;
    if (input.statusChange && input.statusChange !== incident.status) {
      const [locked] = await tx
        .select()
        .from(incidents)
        .where(eq(incidents.id, incident.id))
        .for("update");
      if (locked) {
        await changeStatusInTx(tx, locked, input.statusChange, actorId, now);
        current = { ...locked, ...statusTimestamps(locked, input.statusChange, now) };
      }
    }
    // Internal updates go out too, marked as such: webhooks are admin-configured destinations.
    await enqueueWebhookEvent(tx, "incident.update_posted", current, {
      update: {
        audience: inserted.audience,
        body: inserted.body,
        statusChange: inserted.statusChange,
      },
    });
    return { update: inserted, isDuplicate: false };
  });
}
