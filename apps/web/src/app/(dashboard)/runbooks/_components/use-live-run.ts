"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "~/trpc/react";

/**
 * How the run page stays current for several responders. A run attached to an incident writes
 * every outcome, check verdict and gate change to the incident's timeline, whose doorbell
 * (`incident.onTimeline`, LISTEN/NOTIFY plus the broker's poll) already reaches every browser:
 * each ring re-reads the run. A run without an incident has no doorbell, so the page polls
 * (see `runRefetchMs`). Checks in flight are polled fast either way: the collector's verdict on
 * a run without an incident rings nothing.
 */
export function useLiveRun(runId: string, incidentId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription({
    ...trpc.incident.onTimeline.subscriptionOptions(
      { incidentId: incidentId ?? "" },
      {
        onData: () => void queryClient.invalidateQueries(trpc.runbook.run.queryFilter({ runId })),
      },
    ),
    enabled: incidentId !== null,
  });
}

/** Poll fast while a check or a capture is pending, slowly when a doorbell covers the rest. */
export function runRefetchMs(state: { hasIncident: boolean; isWaiting: boolean }): number {
  if (state.isWaiting) return 1_000;
  return state.hasIncident ? 15_000 : 2_000;
}
