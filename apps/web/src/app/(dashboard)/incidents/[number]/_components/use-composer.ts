"use client";

import { PostUpdateInputSchema } from "@holmes/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { newIdempotencyKey, useDraft } from "./use-draft";

/**
 * The composer's state and its one action. A failed post leaves the draft (text, audience,
 * status, key) untouched, so Retry resends the very same post: the server stores it once.
 */
export function useComposer(incidentId: string, number: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { draft, update, reset, isLoaded } = useDraft(incidentId);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const post = useMutation(
    trpc.incident.postUpdate.mutationOptions({
      onSuccess: (result, input) => {
        void queryClient.invalidateQueries(trpc.incident.timeline.queryFilter({ incidentId }));
        void queryClient.invalidateQueries(trpc.incident.byNumber.queryFilter({ number }));
        if (result.isDuplicate && result.update.body !== input.body) {
          // An earlier attempt of this draft landed with the text as it was then: keep the edit.
          setNotice("An earlier attempt was already posted; your edits are kept as a new draft.");
          update({ idempotencyKey: newIdempotencyKey() });
          return;
        }
        setNotice(null);
        reset();
      },
    }),
  );

  function submit() {
    if (!isLoaded || post.isPending) return;
    const parsed = PostUpdateInputSchema.safeParse({
      incidentId,
      body: draft.body,
      audience: draft.audience,
      statusChange: draft.statusChange || undefined,
      idempotencyKey: draft.idempotencyKey,
    });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? "This update cannot be posted");
      return;
    }
    setInvalid(null);
    post.mutate(parsed.data);
  }

  return { draft, update, isLoaded, submit, post, invalid, notice };
}
