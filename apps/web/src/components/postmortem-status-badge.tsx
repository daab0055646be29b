import type { PostmortemStatus } from "@holmes/core";

const STYLES: Record<PostmortemStatus, string> = {
  draft: "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  approved: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  published: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
};

export function PostmortemStatusBadge(props: { status: PostmortemStatus }) {
  return (
    <span
      data-testid="postmortem-status"
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[props.status]}`}
    >
      {props.status.replace("_", " ")}
    </span>
  );
}
