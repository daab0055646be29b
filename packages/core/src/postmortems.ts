import { z } from "zod";

/** The sections of a post-mortem, in the order they are written and read. */
export const POSTMORTEM_SECTIONS = [
  "summary",
  "impact",
  "timeline",
  "rootCauses",
  "trigger",
  "resolution",
  "detection",
  "wentWell",
  "wentWrong",
  "gotLucky",
  "actionItems",
  "supportingInformation",
] as const;
export const PostmortemSectionSchema = z.enum(POSTMORTEM_SECTIONS);
export type PostmortemSection = z.infer<typeof PostmortemSectionSchema>;
export type PostmortemSections = Record<PostmortemSection, string>;

export const POSTMORTEM_SECTION_TITLES: Record<PostmortemSection, string> = {
  summary: "Summary",
  impact: "Impact",
  timeline: "Timeline",
  rootCauses: "Root causes",
  trigger: "Trigger",
  resolution: "Resolution",
  detection: "Detection",
  wentWell: "What went well",
  wentWrong: "What went wrong",
  gotLucky: "Where we got lucky",
  actionItems: "Action items",
  supportingInformation: "Supporting information",
};

export const POSTMORTEM_STATUSES = ["draft", "in_review", "approved", "published"] as const;
export const PostmortemStatusSchema = z.enum(POSTMORTEM_STATUSES);
export type PostmortemStatus = z.infer<typeof PostmortemStatusSchema>;

/** Approved and published post-mortems are the record: read-only until someone reopens them. */
export function isPostmortemEditable(status: PostmortemStatus): boolean {
  return status === "draft" || status === "in_review";
}

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export const ActionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);
export type ActionItemStatus = z.infer<typeof ActionItemStatusSchema>;

/**
 * What an action item may target: every host whose current state matches. A small closed set,
 * each evaluated by one SQL predicate over the fleet tables (queries/postmortem-action-items.ts).
 */
export const ACTION_TARGET_KINDS = ["disk_firmware", "disk_model", "kernel", "group"] as const;
export const ActionTargetKindSchema = z.enum(ACTION_TARGET_KINDS);
export type ActionTargetKind = z.infer<typeof ActionTargetKindSchema>;

export const ACTION_TARGET_LABELS: Record<ActionTargetKind, string> = {
  disk_firmware: "hosts with drive firmware",
  disk_model: "hosts with disk model",
  kernel: "hosts running kernel",
  group: "hosts in group",
};

/** A section is Markdown; long enough for a pasted table of serials, not a whole log. */
export const MAX_SECTION_LENGTH = 50_000;

const sectionText = z.string().max(MAX_SECTION_LENGTH, "A section is at most 50,000 characters");
const title = z.string().trim().min(3, "Give the post-mortem a title").max(200);

export const CreatePostmortemInputSchema = z.object({ incidentId: z.uuid() });

export const UpdatePostmortemInputSchema = z.object({
  id: z.uuid(),
  /** The version the editor loaded; a save against any other is refused, never merged. */
  expectedVersion: z.number().int().min(1),
  title: title.optional(),
  sections: z.partialRecord(PostmortemSectionSchema, sectionText).optional(),
  /** Keys of the drafted timeline entries to keep (the rest are dropped from the document). */
  keptTimelineKeys: z.array(z.string().max(100)).max(5_000).optional(),
});
export type UpdatePostmortemInput = z.infer<typeof UpdatePostmortemInputSchema>;

export const PostmortemCommentInputSchema = z.object({
  id: z.uuid(),
  section: PostmortemSectionSchema,
  body: z.string().trim().min(1, "Write a comment").max(5_000),
});

/** `link` is for a ticket or change: http(s) only, so it is safe to render as an anchor. */
const link = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/, "A link starts with http:// or https://");
/** Target values are matched literally in SQL; the pattern keeps them to what the fleet reports. */
const targetValue = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w .:+/()-]+$/, "Letters, digits and . _ - : + / ( ) only");

const actionItemFields = {
  title: z.string().trim().min(3, "Say what needs doing").max(300),
  ownerId: z.string().min(1).nullable(),
  /** A calendar day (YYYY-MM-DD): an item is overdue from the day after. */
  dueDate: z.iso.date().nullable(),
  status: ActionItemStatusSchema,
  link: link.nullable(),
  target: z.object({ kind: ActionTargetKindSchema, value: targetValue }).nullable(),
};

export const ActionItemFieldsSchema = z.object({
  ...actionItemFields,
  ownerId: actionItemFields.ownerId.default(null),
  dueDate: actionItemFields.dueDate.default(null),
  status: actionItemFields.status.default("open"),
  link: actionItemFields.link.default(null),
  target: actionItemFields.target.default(null),
});
export type ActionItemFields = z.infer<typeof ActionItemFieldsSchema>;

export const CreateActionItemInputSchema = ActionItemFieldsSchema.extend({
  postmortemId: z.uuid(),
});
/** Only the fields sent change: no defaults here, so an absent field is never reset. */
export const UpdateActionItemInputSchema = z
  .object(actionItemFields)
  .partial()
  .extend({ id: z.uuid() });

/** An action item is overdue when it is still open or in progress after its due day. */
export function isActionItemOverdue(
  item: { status: ActionItemStatus; dueDate: string | null },
  today: string,
): boolean {
  return (
    item.dueDate !== null && item.dueDate < today && ["open", "in_progress"].includes(item.status)
  );
}
