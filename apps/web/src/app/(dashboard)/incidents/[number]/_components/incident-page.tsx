"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Panel } from "~/components/panel";
import { useTRPC } from "~/trpc/react";
import { Composer } from "./composer";
import { IncidentDetails } from "./incident-details";
import { IncidentEditForm } from "./incident-edit-form";
import { IncidentHeader } from "./incident-header";
import { Timeline } from "./timeline";
import { useLiveTimeline } from "./use-live-timeline";

/** One incident: header, (responders) editor and composer, the live timeline, the details. */
export function IncidentPage(props: { number: number; canRespond: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: incident } = useSuspenseQuery(
    trpc.incident.byNumber.queryOptions({ number: props.number }),
  );
  const liveStatus = useLiveTimeline(incident.id, props.number);
  const [isEditing, setEditing] = useState(false);
  // Bumped by Reload after a conflict: the form starts again from the fresh incident.
  const [formKey, setFormKey] = useState(0);

  async function handleReload() {
    await queryClient.refetchQueries(trpc.incident.byNumber.queryFilter({ number: props.number }));
    setFormKey((k) => k + 1);
  }

  return (
    <div className="space-y-6">
      <IncidentHeader
        incident={incident}
        canEdit={props.canRespond && !isEditing}
        canRespond={props.canRespond}
        onEdit={() => setEditing(true)}
      />
      {isEditing ? (
        <Panel title="Edit incident">
          <section className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <IncidentEditForm
              key={formKey}
              incident={incident}
              onDone={() => setEditing(false)}
              onReload={() => void handleReload()}
            />
          </section>
        </Panel>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          {props.canRespond ? (
            <Composer incidentId={incident.id} number={props.number} status={incident.status} />
          ) : null}
          <Timeline incidentId={incident.id} hosts={incident.hosts} liveStatus={liveStatus} />
        </div>
        <IncidentDetails incident={incident} />
      </div>
    </div>
  );
}
