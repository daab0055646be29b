import {
  POSTMORTEM_SECTIONS,
  type PostmortemSection,
  type PostmortemSections,
} from "./postmortems";

/** What the editor holds and saves: the title, the sections, the chosen timeline entries. */
export type EditorDraft = {
  title: string;
  sections: PostmortemSections;
  keptTimelineKeys: string[];
};

export type DraftField = "title" | PostmortemSection;

/** A field both people changed since the version they shared: only a person may choose. */
export type FieldConflict = { field: DraftField; mine: string; theirs: string };

const FIELDS: DraftField[] = ["title", ...POSTMORTEM_SECTIONS];

function read(draft: EditorDraft, field: DraftField): string {
  return field === "title" ? draft.title : draft.sections[field];
}

function write(draft: EditorDraft, field: DraftField, text: string): EditorDraft {
  return field === "title"
    ? { ...draft, title: text }
    : { ...draft, sections: { ...draft.sections, [field]: text } };
}

/**
 * Three-way merge per field after a refused save: `base` is the version both started from,
 * `mine` what this editor holds, `theirs` what was saved since. A field only one side changed
 * takes that side; a field both changed differently is a conflict and keeps mine until the user
 * chooses. Nothing typed is dropped: every conflict carries both texts.
 */
export function rebaseDraft(base: EditorDraft, mine: EditorDraft, theirs: EditorDraft) {
  let merged = mine;
  const conflicts: FieldConflict[] = [];
  for (const field of FIELDS) {
    const [b, m, t] = [read(base, field), read(mine, field), read(theirs, field)];
    if (m === b) merged = write(merged, field, t);
    else if (t !== b && t !== m) conflicts.push({ field, mine: m, theirs: t });
  }
  const keysChangedByMe = !sameKeys(base.keptTimelineKeys, mine.keptTimelineKeys);
  merged = {
    ...merged,
    keptTimelineKeys: keysChangedByMe ? mine.keptTimelineKeys : theirs.keptTimelineKeys,
  };
  return { merged, conflicts };
}

/** The fields that differ from the saved version: what the next save sends. */
export function changedFields(saved: EditorDraft, draft: EditorDraft) {
  const sections = Object.fromEntries(
    POSTMORTEM_SECTIONS.filter((s) => saved.sections[s] !== draft.sections[s]).map((s) => [
      s,
      draft.sections[s],
    ]),
  ) as Partial<PostmortemSections>;
  const title = draft.title !== saved.title ? draft.title : undefined;
  const keptTimelineKeys = sameKeys(saved.keptTimelineKeys, draft.keptTimelineKeys)
    ? undefined
    : draft.keptTimelineKeys;
  const isEmpty =
    Object.keys(sections).length === 0 && title === undefined && keptTimelineKeys === undefined;
  return { sections, title, keptTimelineKeys, isEmpty };
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}
