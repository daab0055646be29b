"use client";

import type { PostmortemTimelineItem } from "@holmes/core";

const SOURCE_STYLE: Record<PostmortemTimelineItem["source"], string> = {
  human: "text-sky-700 dark:text-sky-300",
  lifecycle: "text-zinc-600 dark:text-zinc-300",
  machine: "text-amber-700 dark:text-amber-300",
};

/** The incident's timeline as drafted: tick the entries the document keeps. */
export function TimelinePicker(props: {
  items: PostmortemTimelineItem[];
  kept: string[];
  canEdit: boolean;
  onChange: (kept: string[]) => void;
}) {
  const kept = new Set(props.kept);
  const shown = props.canEdit ? props.items : props.items.filter((item) => kept.has(item.key));
  function toggle(key: string, isKept: boolean) {
    const next = props.items
      .map((item) => item.key)
      .filter((k) => (k === key ? isKept : kept.has(k)));
    props.onChange(next);
  }
  return (
    <div className="mt-3" data-testid="timeline-picker">
      <p className="mb-1 text-xs text-zinc-500">
        {props.canEdit
          ? `${kept.size} of ${props.items.length} entries kept`
          : `${shown.length} entries`}
        {props.canEdit ? (
          <>
            {" · "}
            <button
              type="button"
              className="underline"
              onClick={() => props.onChange(props.items.map((i) => i.key))}
            >
              keep all
            </button>
            {" · "}
            <button
              type="button"
              className="underline"
              onClick={() =>
                props.onChange(props.items.filter((i) => i.source !== "machine").map((i) => i.key))
              }
            >
              people and lifecycle only
            </button>
          </>
        ) : null}
      </p>
      <ol className="max-h-96 overflow-y-auto text-sm">
        {shown.map((item) => (
          <li
            key={item.key}
            className="flex gap-2 border-b border-zinc-100 py-1 dark:border-zinc-800"
          >
            {props.canEdit ? (
              <input
                type="checkbox"
                aria-label={`Keep ${item.text}`}
                checked={kept.has(item.key)}
                onChange={(e) => toggle(item.key, e.target.checked)}
              />
            ) : null}
            <time className="shrink-0 font-mono text-xs text-zinc-500" dateTime={item.at}>
              {item.at.replace("T", " ").slice(0, 19)}
            </time>
            <span className={`shrink-0 text-xs ${SOURCE_STYLE[item.source]}`}>
              {item.actor ?? item.source}
            </span>
            <span className={kept.has(item.key) ? "" : "text-zinc-400 line-through"}>
              {item.text}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
