"use client";

import type { PostmortemSection } from "@holmes/core";
import { Markdown } from "@holmes/ui";
import { useState } from "react";

type Comment = { id: string; body: string; authorName: string | null; createdAt: Date };

/** One section: Markdown on the left, its sanitized preview on the right, comments below. */
export function SectionEditor(props: {
  section: PostmortemSection;
  title: string;
  text: string;
  canEdit: boolean;
  comments: Comment[];
  canComment: boolean;
  onChange: (text: string) => void;
  onComment: (body: string) => Promise<boolean>;
  children?: React.ReactNode;
}) {
  const id = `section-${props.section}`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={id}
      className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={`${id}-title`} className="mb-2 text-base font-semibold">
        {props.title}
      </h2>
      {props.canEdit ? (
        <div className="grid gap-3 lg:grid-cols-2">
          <textarea
            aria-label={`${props.title} (Markdown)`}
            value={props.text}
            onChange={(e) => props.onChange(e.target.value)}
            rows={Math.min(16, Math.max(4, props.text.split("\n").length + 1))}
            className="w-full rounded-md border border-zinc-300 p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <section
            aria-label={`${props.title} preview`}
            className="min-h-16 rounded-md border border-dashed border-zinc-200 p-2 dark:border-zinc-800"
          >
            {props.text.trim() ? (
              <Markdown>{props.text}</Markdown>
            ) : (
              <p className="text-sm text-zinc-400">Nothing written yet.</p>
            )}
          </section>
        </div>
      ) : props.text.trim() ? (
        <Markdown>{props.text}</Markdown>
      ) : (
        <p className="text-sm text-zinc-400">Nothing written.</p>
      )}
      {props.children}
      <SectionComments {...props} />
    </section>
  );
}

function SectionComments(props: {
  title: string;
  comments: Comment[];
  canComment: boolean;
  onComment: (body: string) => Promise<boolean>;
}) {
  const [body, setBody] = useState("");
  if (props.comments.length === 0 && !props.canComment) return null;
  return (
    <div className="mt-3 border-t border-zinc-100 pt-2 dark:border-zinc-800">
      {props.comments.map((comment) => (
        <div
          key={comment.id}
          className="mb-2 rounded-md bg-amber-50 p-2 text-sm dark:bg-amber-950/40"
        >
          <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
            {comment.authorName ?? "someone"} · {comment.createdAt.toLocaleString()}
          </span>
          <Markdown>{comment.body}</Markdown>
        </div>
      ))}
      {props.canComment ? (
        <form
          className="flex gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (body.trim() && (await props.onComment(body))) setBody("");
          }}
        >
          <input
            aria-label={`Comment on ${props.title}`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder="Review comment on this section"
            className="flex-1 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <button
            type="submit"
            className="rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Comment
          </button>
        </form>
      ) : null}
    </div>
  );
}
