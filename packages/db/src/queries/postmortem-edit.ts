import {
  AppError,
  composePostmortemDraft,
  isPostmortemEditable,
  type PostmortemSections,
  type PostmortemStatus,
  type UpdatePostmortemInput,
} from "@holmes/core";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { incidents, postmortemApprovals, postmortemRevisions, postmortems, users } from "../schema";
import type { Tx } from "./incidents";
import { loadDraftFacts } from "./postmortem-draft";

const notFound = () => new AppError("NOT_FOUND", { userMessage: "No such post-mortem." });

/** Drafts the post-mortem of a resolved incident from its record; one per incident. */
export async function createPostmortemDraft(
  db: Database,
  incidentId: string,
  actorId: string,
  now: Date,
) {
  const [incident] = await db
    .select({ status: incidents.status })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
  if (incident.status !== "resolved") {
    throw new AppError("BAD_REQUEST", {
      userMessage: "Resolve the incident first: a post-mortem is drafted from the whole record.",
    });
  }
  const facts = await loadDraftFacts(db, incidentId, now);
  if (!facts) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
  const draft = composePostmortemDraft(facts);
  const [created] = await db
    .insert(postmortems)
    .values({
      incidentId,
      title: draft.title,
      sections: draft.sections,
      timeline: draft.timeline,
      keptTimelineKeys: draft.timeline.map((item) => item.key),
      evidence: draft.evidence,
      authorId: actorId,
      updatedBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: postmortems.incidentId })
    .returning({ id: postmortems.id, version: postmortems.version });
  if (!created) {
    throw new AppError("CONFLICT", {
      userMessage: "This incident already has a post-mortem: open it from the list.",
    });
  }
  return created;
}

/**
 * Saves edited sections under the version check: nothing is written when someone else saved
 * since `expectedVersion`, and the error names them and when. The revision row keeps what changed.
 */
export async function updatePostmortem(
  db: Database,
  input: UpdatePostmortemInput,
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const current = await lockForEdit(tx, input.id, input.expectedVersion);
    const changedSections = Object.fromEntries(
      Object.entries(input.sections ?? {}).filter(
        ([key, text]) => current.sections[key as keyof PostmortemSections] !== text,
      ),
    );
    const changes: Record<string, unknown> = { ...changedSections };
    if (input.title !== undefined && input.title !== current.title) changes.title = input.title;
    if (input.keptTimelineKeys) changes.keptTimelineKeys = input.keptTimelineKeys;
    const [saved] = await tx
      .update(postmortems)
      .set({
        title: input.title ?? current.title,
        sections: { ...current.sections, ...changedSections },
        keptTimelineKeys: input.keptTimelineKeys ?? current.keptTimelineKeys,
        updatedAt: now,
        updatedBy: actorId,
        version: sql`${postmortems.version} + 1`,
      })
      .where(eq(postmortems.id, current.id))
      .returning({
        id: postmortems.id,
        version: postmortems.version,
        updatedAt: postmortems.updatedAt,
      });
    if (!saved) throw notFound();
    await recordRevision(tx, {
      id: saved.id,
      version: saved.version,
      actorId,
      now,
      kind: "updated",
      changes,
    });
    return saved;
  });
}

async function lockForEdit(tx: Tx, id: string, expectedVersion: number) {
  const [current] = await tx.select().from(postmortems).where(eq(postmortems.id, id)).for("update");
  if (!current) throw notFound();
  if (current.version !== expectedVersion) throw await staleEditError(tx, current);
  if (!isPostmortemEditable(current.status)) {
    throw new AppError("FORBIDDEN", {
      userMessage: `This post-mortem is ${current.status.replace("_", " ")} and read-only: reopen it to edit.`,
    });
  }
  return current;
}

async function staleEditError(tx: Tx, current: { updatedBy: string | null; updatedAt: Date }) {
  const [editor] = current.updatedBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy))
    : [];
  return new AppError("CONFLICT", {
    userMessage: `Changed by ${editor?.name ?? "someone"} at ${current.updatedAt.toISOString()}: their version is shown; merge your text into it and save again.`,
  });
}

type RevisionEntry = {
  id: string;
  version: number;
  actorId: string;
  now: Date;
  kind: string;
  changes?: Record<string, unknown>;
};

async function recordRevision(tx: Tx, entry: RevisionEntry) {
  await tx.insert(postmortemRevisions).values({
    postmortemId: entry.id,
    version: entry.version,
    authorId: entry.actorId,
    at: entry.now,
    kind: entry.kind,
    changes: entry.changes ?? {},
  });
}

/** The review workflow: which status each step starts from and leads to. */
const TRANSITIONS = {
  submit: { from: ["draft"], to: "in_review", stamp: "submittedAt" },
  approve: { from: ["in_review"], to: "approved", stamp: "approvedAt" },
  publish: { from: ["approved"], to: "published", stamp: "publishedAt" },
  reopen: { from: ["in_review", "approved", "published"], to: "draft", stamp: null },
} as const satisfies Record<
  string,
  { from: PostmortemStatus[]; to: PostmortemStatus; stamp: string | null }
>;
export type PostmortemTransition = keyof typeof TRANSITIONS;

/**
 * Moves a post-mortem along draft → in review → approved → published (or back to draft on a
 * reopen, with its reason kept). An approval is by someone other than the author: a review
 * nobody else read is not one.
 */
export async function transitionPostmortem(
  db: Database,
  input: { id: string; expectedVersion: number; transition: PostmortemTransition; note?: string },
  actorId: string,
  now: Date,
) {
  const rule = TRANSITIONS[input.transition];
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(postmortems)
      .where(eq(postmortems.id, input.id))
      .for("update");
    if (!current) throw notFound();
    if (current.version !== input.expectedVersion) throw await staleEditError(tx, current);
    if (!(rule.from as readonly string[]).includes(current.status)) {
      throw new AppError("BAD_REQUEST", {
        userMessage: `Cannot ${input.transition} a post-mortem that is ${current.status.replace("_", " ")}.`,
      });
    }
    if (input.transition === "approve") {
      if (current.authorId === actorId) {
        throw new AppError("FORBIDDEN", {
          userMessage: "The author cannot approve their own post-mortem: ask another reviewer.",
        });
      }
      await tx.insert(postmortemApprovals).values({
        postmortemId: current.id,
        approverId: actorId,
        version: current.version,
        approvedAt: now,
      });
    }
    const [saved] = await tx
      .update(postmortems)
      .set({
        status: rule.to,
        ...(rule.stamp ? { [rule.stamp]: now } : {}),
        updatedAt: now,
        updatedBy: actorId,
        version: sql`${postmortems.version} + 1`,
      })
      .where(and(eq(postmortems.id, current.id), eq(postmortems.version, current.version)))
      .returning({ id: postmortems.id, version: postmortems.version, status: postmortems.status });
    if (!saved) throw notFound();
    await recordRevision(tx, {
      id: saved.id,
      version: saved.version,
      actorId,
      now,
      kind: rule.to === "draft" ? "reopened" : rule.to,
      changes: { from: current.status, to: rule.to, ...(input.note ? { note: input.note } : {}) },
    });
    return saved;
  });
}
