"use client";

import { changedFields, type EditorDraft, type FieldConflict, rebaseDraft } from "@holmes/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "conflict"; message: string; conflicts: FieldConflict[] }
  | { kind: "error"; message: string };

/** A pause in typing this long saves: long enough not to save every keystroke. */
const AUTOSAVE_DELAY_MS = 1_200;

type Saved = { draft: EditorDraft; version: number };

/**
 * The editor's text and its autosave. Saves carry the version they started from; a refused
 * (stale) save fetches the other version and merges field by field: what only they changed is
 * taken, what only this editor changed is kept, and what both changed waits for the user with
 * both texts shown. Typed text is never dropped.
 */
export function useAutosave(props: { id: string; server: Saved; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.postmortem.update.mutationOptions());
  const [draft, setDraft] = useState(props.server.draft);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });
  const saved = useRef<Saved>(props.server);
  const latest = useRef(draft);
  latest.current = draft;
  const isSaving = useRef(false);

  // A newer version from elsewhere (a review step, a reload) is adopted when nothing is pending.
  useEffect(() => {
    if (props.server.version <= saved.current.version) return;
    if (changedFields(saved.current.draft, latest.current).isEmpty) {
      saved.current = props.server;
      setDraft(props.server.draft);
    }
  }, [props.server]);

  const handleConflict = useCallback(async () => {
    const fresh = await queryClient.fetchQuery({
      ...trpc.postmortem.byId.queryOptions({ id: props.id }),
      staleTime: 0,
    });
    const theirs: EditorDraft = {
      title: fresh.title,
      sections: fresh.sections,
      keptTimelineKeys: fresh.keptTimelineKeys,
    };
    const { merged, conflicts } = rebaseDraft(saved.current.draft, latest.current, theirs);
    saved.current = { draft: theirs, version: fresh.version };
    setDraft(merged);
    const who = `${fresh.updatedByName ?? "Someone"} saved at ${fresh.updatedAt.toLocaleTimeString()}`;
    setState(
      conflicts.length > 0 ? { kind: "conflict", message: who, conflicts } : { kind: "dirty" },
    );
  }, [queryClient, trpc, props.id]);

  const save = useCallback(async (): Promise<number | null> => {
    if (isSaving.current) return null;
    const sending = latest.current;
    const changes = changedFields(saved.current.draft, sending);
    if (changes.isEmpty) return saved.current.version;
    isSaving.current = true;
    setState({ kind: "saving" });
    try {
      const result = await update.mutateAsync({
        id: props.id,
        expectedVersion: saved.current.version,
        title: changes.title,
        sections: changes.sections,
        keptTimelineKeys: changes.keptTimelineKeys,
      });
      saved.current = { draft: sending, version: result.version };
      const isClean = changedFields(sending, latest.current).isEmpty;
      setState(isClean ? { kind: "saved", at: new Date() } : { kind: "dirty" });
      return result.version;
    } catch (error) {
      if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
        await handleConflict();
      } else {
        setState({ kind: "error", message: errorMessage(error) });
      }
      return null;
    } finally {
      isSaving.current = false;
    }
  }, [update, props.id, handleConflict]);

  useEffect(() => {
    if (!props.canEdit || state.kind !== "dirty") return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, props.canEdit, save]);

  const edit = useCallback((next: (current: EditorDraft) => EditorDraft) => {
    setDraft((current) => next(current));
    setState((current) => (current.kind === "conflict" ? current : { kind: "dirty" }));
  }, []);

  /** The user settled one conflicting field; when none is left, autosave resumes. */
  const resolve = useCallback((field: FieldConflict["field"], text: string) => {
    setDraft((current) =>
      field === "title"
        ? { ...current, title: text }
        : { ...current, sections: { ...current.sections, [field]: text } },
    );
    setState((current) => {
      if (current.kind !== "conflict") return current;
      const left = current.conflicts.filter((c) => c.field !== field);
      return left.length > 0 ? { ...current, conflicts: left } : { kind: "dirty" };
    });
  }, []);

  return { draft, state, edit, resolve, save, version: () => saved.current.version };
}
