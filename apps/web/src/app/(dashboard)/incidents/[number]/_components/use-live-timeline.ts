"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "~/trpc/react";

/** Doorbells closer together than this are answered with one refetch. */
const COALESCE_MS = 100;

/**
 * Keeps the incident and its timeline live. The stream only says "re-read": each message
 * refetches the timeline and the incident. It opens with a "sync" message, so after a dropped
 * connection (the link reconnects by itself) the page catches up with nothing missed or doubled.
 */
export function useLiveTimeline(incidentId: string, number: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetch = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries(trpc.incident.timeline.queryFilter({ incidentId }));
      void queryClient.invalidateQueries(trpc.incident.byNumber.queryFilter({ number }));
    }, COALESCE_MS);
  }, [queryClient, trpc, incidentId, number]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const subscription = useSubscription(
    trpc.incident.onTimeline.subscriptionOptions({ incidentId }, { onData: refetch }),
  );
  return subscription.status;
}
