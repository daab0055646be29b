"use client";

import { GroupPollIntervalsSchema, POLL_INTERVAL_LIMITS } from "@holmes/core";
import { Card } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, FIELD, LABEL, SMALL_BUTTON, TABLE_HEAD, TABLE_ROW } from "./styles";

type GroupRow = {
  group: string;
  stateIntervalSeconds: number | null;
  smartIntervalSeconds: number | null;
};

const { state, smart } = POLL_INTERVAL_LIMITS;

/**
 * How often each group's hosts are polled. Blank keeps the collector's default; a host in several
 * groups takes the shortest interval any of them sets, each interval on its own.
 */
export function GroupIntervalsPanel() {
  const trpc = useTRPC();
  const { data: groups } = useSuspenseQuery(trpc.inventory.groupIntervals.list.queryOptions());
  return (
    <Card title="Poll intervals by group">
      <div className="mb-4 space-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          Blank means the collector&apos;s default (state every 60 s and SMART every 10 min, unless
          HOLMES_POLL_INTERVAL_SECONDS or HOLMES_SMART_INTERVAL_SECONDS say otherwise).
        </p>
        <p>
          <strong>
            A host in several groups is polled at the shortest interval any of its groups sets
          </strong>{" "}
          (state and SMART separately). State: {state.minSeconds} s to {state.maxSeconds} s; SMART:{" "}
          {smart.minSeconds} s to {smart.maxSeconds} s, never shorter than the state interval. A
          host is shown as stale after three of its own intervals without a successful poll.
        </p>
      </div>
      <table className="w-full text-left text-sm">
        <thead className={TABLE_HEAD}>
          <tr>
            <th className="py-2 pr-3">Group</th>
            <th className="pr-3">Hosts</th>
            <th className="pr-3">State interval (s)</th>
            <th className="pr-3">SMART interval (s)</th>
            <th aria-label="Save" />
          </tr>
        </thead>
        <tbody>
          {groups.map((row) => (
            <GroupIntervalRow key={row.group} row={row} hostCount={row.hostCount} />
          ))}
          <GroupIntervalRow
            key={`new-${groups.length}`}
            row={{ group: "", stateIntervalSeconds: null, smartIntervalSeconds: null }}
            hostCount={null}
          />
        </tbody>
      </table>
    </Card>
  );
}

/** One group's setting as a form row; the empty row sets a group no host carries yet. */
function GroupIntervalRow(props: { row: GroupRow; hostCount: number | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isNew = props.hostCount === null;
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(
    trpc.inventory.groupIntervals.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.inventory.groupIntervals.pathFilter()),
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const seconds = (name: string) => {
      const text = String(form.get(name) ?? "").trim();
      return text === "" ? null : Number(text);
    };
    const setting = {
      stateIntervalSeconds: seconds("state"),
      smartIntervalSeconds: seconds("smart"),
    };
    const checked = GroupPollIntervalsSchema.safeParse(setting);
    setProblem(checked.success ? null : (checked.error.issues[0]?.message ?? "Not valid"));
    if (!checked.success) return;
    const group = isNew ? String(form.get("group") ?? "").trim() : props.row.group;
    save.mutate({ group, ...checked.data });
  }

  const formId = `group-interval-${props.row.group || "new"}`;
  const label = props.row.group || "new group";
  return (
    <tr className={TABLE_ROW}>
      <td className="pr-3 font-medium">
        <form id={formId} onSubmit={handleSubmit} aria-label={`Intervals of ${label}`} />
        {isNew ? (
          <label className={LABEL}>
            <span className="sr-only">Group name</span>
            <input
              form={formId}
              name="group"
              required
              placeholder="another group"
              className={FIELD}
            />
          </label>
        ) : (
          props.row.group
        )}
      </td>
      <td className="pr-3 text-zinc-500">{props.hostCount ?? "—"}</td>
      <td className="pr-3">
        <input
          form={formId}
          name="state"
          type="number"
          inputMode="numeric"
          aria-label={`State interval of ${label} in seconds`}
          defaultValue={props.row.stateIntervalSeconds ?? ""}
          placeholder="default"
          className={`${FIELD} w-28`}
        />
      </td>
      <td className="pr-3">
        <input
          form={formId}
          name="smart"
          type="number"
          inputMode="numeric"
          aria-label={`SMART interval of ${label} in seconds`}
          defaultValue={props.row.smartIntervalSeconds ?? ""}
          placeholder="default"
          className={`${FIELD} w-28`}
        />
      </td>
      <td>
        <div className="flex items-center gap-2">
          <button form={formId} type="submit" disabled={save.isPending} className={SMALL_BUTTON}>
            {save.isPending ? "Saving…" : isNew ? "Set" : "Save"}
          </button>
          {save.isSuccess && !problem && (
            <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
              Saved
            </span>
          )}
          {(problem ?? save.error) && (
            <span role="alert" className={ALERT}>
              {problem ?? errorMessage(save.error)}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}
