"use client";

import {
  isPostmortemEditable,
  POSTMORTEM_SECTION_TITLES,
  POSTMORTEM_SECTIONS,
  type PostmortemSection,
} from "@holmes/core";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Panel } from "~/components/panel";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ActionItems } from "./action-items";
import { ConflictPanel } from "./conflict-panel";
import { EvidenceSnapshot } from "./evidence-snapshot";
import { ReviewBar } from "./review-bar";
import { SectionEditor } from "./section-editor";
import { SimilarIncidents } from "./similar-incidents";
import { TimelinePicker } from "./timeline-picker";
import { useAutosave } from "./use-autosave";

/** The post-mortem: review bar, sections (edit + preview + comments), timeline, actions. */
export function PostmortemEditor(props: { id: string; userId: string; canRespond: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: postmortem } = useSuspenseQuery(
    trpc.postmortem.byId.queryOptions({ id: props.id }),
  );
  const canEdit = props.canRespond && isPostmortemEditable(postmortem.status);
  const server = useMemo(
    () => ({
      draft: {
        title: postmortem.title,
        sections: postmortem.sections,
        keptTimelineKeys: postmortem.keptTimelineKeys,
      },
      version: postmortem.version,
    }),
    [postmortem],
  );
  const autosave = useAutosave({ id: props.id, server, canEdit });
  const comment = useMutation(
    trpc.postmortem.comment.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries(trpc.postmortem.byId.queryFilter({ id: props.id })),
    }),
  );
  const canComment = props.canRespond && canEdit;
  const { draft } = autosave;

  async function handleComment(section: PostmortemSection, body: string) {
    try {
      await comment.mutateAsync({ id: props.id, section, body });
      return true;
    } catch (error) {
      window.alert(errorMessage(error));
      return false;
    }
  }

  return (
    <div className="space-y-4">
      <header>
        <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
          <Link href="/postmortems" className="hover:underline">
            Post-mortems
          </Link>{" "}
          /{" "}
          <Link
            href={`/incidents/${postmortem.incident.number}`}
            className="font-mono hover:underline"
          >
            INC-{postmortem.incident.number}
          </Link>
        </nav>
        {canEdit ? (
          <input
            aria-label="Title"
            value={draft.title}
            onChange={(e) => autosave.edit((d) => ({ ...d, title: e.target.value }))}
            className="mt-1 w-full rounded-md border border-transparent bg-transparent text-2xl font-semibold tracking-tight hover:border-zinc-300 focus:border-zinc-400 dark:hover:border-zinc-700"
          />
        ) : (
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{draft.title}</h1>
        )}
        <p className="text-xs text-zinc-500">
          by {postmortem.authorName ?? "unknown"} · version {postmortem.version}
          {postmortem.approvals.map((a) => ` · approved by ${a.approverName}`).join("")}
          {canEdit ? "" : " · read-only"}
        </p>
      </header>
      <ReviewBar
        id={props.id}
        status={postmortem.status}
        isAuthor={postmortem.authorId === props.userId}
        canRespond={props.canRespond}
        saveState={autosave.state}
        flush={autosave.save}
      />
      {autosave.state.kind === "conflict" ? (
        <ConflictPanel
          message={autosave.state.message}
          conflicts={autosave.state.conflicts}
          onResolve={autosave.resolve}
        />
      ) : null}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-4">
          {POSTMORTEM_SECTIONS.map((section) => (
            <SectionEditor
              key={section}
              section={section}
              title={POSTMORTEM_SECTION_TITLES[section]}
              text={draft.sections[section]}
              canEdit={canEdit}
              comments={postmortem.comments.filter((c) => c.section === section)}
              canComment={canComment}
              onChange={(text) =>
                autosave.edit((d) => ({ ...d, sections: { ...d.sections, [section]: text } }))
              }
              onComment={(body) => handleComment(section, body)}
            >
              {section === "timeline" ? (
                <TimelinePicker
                  items={postmortem.timeline}
                  kept={draft.keptTimelineKeys}
                  canEdit={canEdit}
                  onChange={(kept) => autosave.edit((d) => ({ ...d, keptTimelineKeys: kept }))}
                />
              ) : null}
              {section === "actionItems" ? (
                <div className="mt-3">
                  <ActionItems
                    postmortemId={props.id}
                    items={postmortem.actionItems}
                    canRespond={props.canRespond}
                  />
                </div>
              ) : null}
            </SectionEditor>
          ))}
        </div>
        <aside className="space-y-4">
          <EvidenceSnapshot evidence={postmortem.evidence} />
          <Panel title="Similar incidents">
            <SimilarIncidents incidentId={postmortem.incidentId} />
          </Panel>
        </aside>
      </div>
    </div>
  );
}
