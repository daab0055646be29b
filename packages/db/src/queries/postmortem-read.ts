import { AppError, type PostmortemSection, type PostmortemStatus } from "@holmes/core";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import {
  incidents,
  postmortemApprovals,
  postmortemComments,
  postmortemRevisions,
  postmortems,
  users,
} from "../schema";
import { listActionItems } from "./postmortem-action-items";

const author = alias(users, "author");
const editor = alias(users, "editor");

/** One post-mortem with its incident, comments, approvals, recent revisions and action items. */
export async function postmortemById(db: Database, id: string) {
  const [row] = await db
    .select({
      postmortem: postmortems,
      authorName: author.name,
      updatedByName: editor.name,
      incidentNumber: incidents.number,
      incidentTitle: incidents.title,
    })
    .from(postmortems)
    .innerJoin(incidents, eq(incidents.id, postmortems.incidentId))
    .leftJoin(author, eq(author.id, postmortems.authorId))
    .leftJoin(editor, eq(editor.id, postmortems.updatedBy))
    .where(eq(postmortems.id, id));
  if (!row) return null;
  const [comments, approvals, revisions, actionItems] = await Promise.all([
    db
      .select({
        id: postmortemComments.id,
        section: postmortemComments.section,
        body: postmortemComments.body,
        createdAt: postmortemComments.createdAt,
        authorName: users.name,
      })
      .from(postmortemComments)
      .leftJoin(users, eq(users.id, postmortemComments.authorId))
      .where(eq(postmortemComments.postmortemId, id))
      .orderBy(postmortemComments.createdAt),
    db
      .select({
        approverName: users.name,
        version: postmortemApprovals.version,
        approvedAt: postmortemApprovals.approvedAt,
      })
      .from(postmortemApprovals)
      .innerJoin(users, eq(users.id, postmortemApprovals.approverId))
      .where(eq(postmortemApprovals.postmortemId, id))
      .orderBy(postmortemApprovals.approvedAt),
    db
      .select({
        version: postmortemRevisions.version,
        kind: postmortemRevisions.kind,
        at: postmortemRevisions.at,
        authorName: users.name,
        changedFields: sql<
          string[]
        >`array(select jsonb_object_keys(${postmortemRevisions.changes}))`,
      })
      .from(postmortemRevisions)
      .leftJoin(users, eq(users.id, postmortemRevisions.authorId))
      .where(eq(postmortemRevisions.postmortemId, id))
      .orderBy(desc(postmortemRevisions.at), desc(postmortemRevisions.id))
      .limit(50),
    listActionItems(db, { postmortemId: id }),
  ]);
  const { searchVector: _, ...postmortem } = row.postmortem;
  return {
    ...postmortem,
    authorName: row.authorName,
    updatedByName: row.updatedByName,
    incident: { id: postmortem.incidentId, number: row.incidentNumber, title: row.incidentTitle },
    comments,
    approvals,
    revisions,
    actionItems,
  };
}
export type PostmortemDetail = NonNullable<Awaited<ReturnType<typeof postmortemById>>>;

/** Comments go on a section; only drafts and documents in review take them. */
export async function addPostmortemComment(
  db: Database,
  input: { id: string; section: PostmortemSection; body: string },
  actorId: string,
  now: Date,
) {
  const [current] = await db
    .select({ status: postmortems.status })
    .from(postmortems)
    .where(eq(postmortems.id, input.id));
  if (!current) throw new AppError("NOT_FOUND", { userMessage: "No such post-mortem." });
  if (current.status === "approved" || current.status === "published") {
    throw new AppError("FORBIDDEN", { userMessage: "Reopen the post-mortem to comment on it." });
  }
  const [comment] = await db
    .insert(postmortemComments)
    .values({
      postmortemId: input.id,
      section: input.section,
      authorId: actorId,
      body: input.body,
      createdAt: now,
    })
    .returning({ id: postmortemComments.id });
  return comment;
}

export type PostmortemListFilter = {
  statuses?: PostmortemStatus[];
  text?: string;
  limit: number;
  offset: number;
};

/** Websearch syntax ("quoted phrase", -word, or): what people type into a search box. */
const query = (text: string) => sql`websearch_to_tsquery('english', ${text})`;

export async function listPostmortems(db: Database, filter: PostmortemListFilter) {
  const text = filter.text?.trim();
  const where: SQL | undefined = and(
    filter.statuses?.length ? inArray(postmortems.status, filter.statuses) : undefined,
    text ? sql`${postmortems.searchVector} @@ ${query(text)}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: postmortems.id,
        title: postmortems.title,
        status: postmortems.status,
        updatedAt: postmortems.updatedAt,
        authorName: author.name,
        incidentId: incidents.id,
        incidentNumber: incidents.number,
        openActionItems: sql<number>`(select count(*)::int from action_items a where a.postmortem_id = ${postmortems.id} and a.status in ('open', 'in_progress'))`,
      })
      .from(postmortems)
      .innerJoin(incidents, eq(incidents.id, postmortems.incidentId))
      .leftJoin(author, eq(author.id, postmortems.authorId))
      .where(where)
      .orderBy(
        text
          ? desc(sql`ts_rank(${postmortems.searchVector}, ${query(text)})`)
          : desc(postmortems.updatedAt),
        desc(postmortems.updatedAt),
      )
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(postmortems).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

/**
 * One search over post-mortems (their indexed text) and incidents (title and updates, indexed
 * on the fly: incidents are far fewer than samples, and this keeps their table untouched).
 */
export async function searchLearning(db: Database, text: string, limit: number) {
  const q = query(text);
  const incidentDocument = sql`to_tsvector('english', ${incidents.title} || ' ' || coalesce((select string_agg(u.body, ' ') from incident_updates u where u.incident_id = ${incidents.id}), ''))`;
  const [postmortemHits, incidentHits] = await Promise.all([
    db
      .select({
        id: postmortems.id,
        title: postmortems.title,
        status: postmortems.status,
        incidentNumber: incidents.number,
        rank: sql<number>`ts_rank(${postmortems.searchVector}, ${q})`.mapWith(Number),
        snippet: sql<string>`ts_headline('english', ${postmortems.sections}->>'summary', ${q}, 'MaxWords=25, MinWords=8, StartSel=«, StopSel=»')`,
      })
      .from(postmortems)
      .innerJoin(incidents, eq(incidents.id, postmortems.incidentId))
      .where(sql`${postmortems.searchVector} @@ ${q}`)
      .orderBy(desc(sql`ts_rank(${postmortems.searchVector}, ${q})`))
      .limit(limit),
    db
      .select({
        id: incidents.id,
        number: incidents.number,
        title: incidents.title,
        status: incidents.status,
        rank: sql<number>`ts_rank(${incidentDocument}, ${q})`.mapWith(Number),
      })
      .from(incidents)
      .where(sql`${incidentDocument} @@ ${q}`)
      .orderBy(desc(sql`ts_rank(${incidentDocument}, ${q})`), desc(incidents.startedAt))
      .limit(limit),
  ]);
  return { postmortems: postmortemHits, incidents: incidentHits };
}

export async function postmortemIdForIncident(db: Database, incidentId: string) {
  const [row] = await db
    .select({ id: postmortems.id })
    .from(postmortems)
    .where(eq(postmortems.incidentId, incidentId));
  return row?.id ?? null;
}
