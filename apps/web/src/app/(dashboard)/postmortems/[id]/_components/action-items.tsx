"use client";

import type { RouterOutputs } from "@holmes/api";
import {
  ACTION_ITEM_STATUSES,
  ACTION_TARGET_KINDS,
  ACTION_TARGET_LABELS,
  type ActionItemStatus,
  type ActionTargetKind,
} from "@holmes/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

type Item = RouterOutputs["postmortem"]["byId"]["actionItems"][number];

/** Owner, due day, status, link; a host condition tracked host by host (x/y done). */
export function ActionItems(props: { postmortemId: string; items: Item[]; canRespond: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () =>
      queryClient.invalidateQueries(trpc.postmortem.byId.queryFilter({ id: props.postmortemId })),
    onError: (err: unknown) => setError(errorMessage(err)),
  };
  const update = useMutation(trpc.postmortem.actionItem.update.mutationOptions(options));
  const remove = useMutation(trpc.postmortem.actionItem.delete.mutationOptions(options));
  const setHostDone = useMutation(trpc.postmortem.actionItem.setHostDone.mutationOptions(options));
  return (
    <div className="space-y-3" data-testid="action-items">
      {props.items.length === 0 ? (
        <p className="text-sm text-zinc-500">No action items yet.</p>
      ) : null}
      {props.items.length > 0 ? (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
            <tr>
              <th className="px-2 py-1">Action</th>
              <th className="px-2 py-1">Owner</th>
              <th className="px-2 py-1">Due</th>
              <th className="px-2 py-1">Status</th>
              <th className="px-2 py-1">Hosts</th>
              <th className="px-2 py-1" />
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr key={item.id} className="border-b border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-2 py-1">
                  {item.title}
                  {item.link ? (
                    <a
                      href={item.link}
                      rel="noopener noreferrer nofollow"
                      className="ml-1 text-sky-700 underline dark:text-sky-300"
                    >
                      {new URL(item.link).host}
                    </a>
                  ) : null}
                </td>
                <td className="px-2 py-1">{item.ownerName ?? "—"}</td>
                <td className="px-2 py-1 font-mono text-xs">{item.dueDate ?? "—"}</td>
                <td className="px-2 py-1">
                  <select
                    aria-label={`Status of ${item.title}`}
                    disabled={!props.canRespond}
                    value={item.status}
                    onChange={(e) =>
                      update.mutate({ id: item.id, status: e.target.value as ActionItemStatus })
                    }
                    className="rounded border border-zinc-300 px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-950"
                  >
                    {ACTION_ITEM_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s.replace("_", " ")}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-2 py-1">
                  {item.targetKind ? (
                    <details>
                      <summary className="cursor-pointer">
                        {ACTION_TARGET_LABELS[item.targetKind]} {item.targetValue}:{" "}
                        <strong>
                          {item.progress.done}/{item.progress.total}
                        </strong>
                      </summary>
                      <ul className="mt-1 space-y-0.5">
                        {item.hosts.map((host) => (
                          <li key={host.hostId}>
                            <label className="flex items-center gap-1">
                              <input
                                type="checkbox"
                                disabled={!props.canRespond}
                                checked={host.isDone}
                                onChange={(e) =>
                                  setHostDone.mutate({
                                    id: item.id,
                                    hostId: host.hostId,
                                    isDone: e.target.checked,
                                  })
                                }
                              />
                              {host.hostName}
                              {host.stillMatches ? null : (
                                <span className="text-xs text-zinc-500">(no longer matches)</span>
                              )}
                            </label>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-2 py-1">
                  {props.canRespond ? (
                    <button
                      type="button"
                      onClick={() => remove.mutate({ id: item.id })}
                      className="text-xs text-red-700 underline dark:text-red-400"
                    >
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.canRespond ? (
        <NewActionItem postmortemId={props.postmortemId} onError={setError} />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function NewActionItem(props: { postmortemId: string; onError: (message: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const { data: people } = useQuery(trpc.incident.assignableUsers.queryOptions());
  const [dueDate, setDueDate] = useState("");
  const [link, setLink] = useState("");
  const [targetKind, setTargetKind] = useState<ActionTargetKind | "">("");
  const [targetValue, setTargetValue] = useState("");
  const create = useMutation(
    trpc.postmortem.actionItem.create.mutationOptions({
      onSuccess: async () => {
        setTitle("");
        setTargetValue("");
        props.onError(null);
        await queryClient.invalidateQueries(
          trpc.postmortem.byId.queryFilter({ id: props.postmortemId }),
        );
      },
      onError: (err) => props.onError(errorMessage(err)),
    }),
  );
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          postmortemId: props.postmortemId,
          title,
          ownerId: ownerId || null,
          dueDate: dueDate || null,
          link: link.trim() || null,
          target:
            targetKind && targetValue.trim() ? { kind: targetKind, value: targetValue } : null,
        });
      }}
    >
      <Input label="New action item" value={title} onChange={setTitle} width="w-64" />
      <label>
        <span className="block text-xs text-zinc-500">Owner</span>
        <select
          aria-label="Owner"
          value={ownerId}
          onChange={(e) => setOwnerId(e.target.value)}
          className={FIELD}
        >
          <option value="">nobody yet</option>
          {(people ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs text-zinc-500">Due</span>
        <input
          type="date"
          aria-label="Due date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          className={FIELD}
        />
      </label>
      <Input label="Link" value={link} onChange={setLink} width="w-48" />
      <label>
        <span className="block text-xs text-zinc-500">Track hosts</span>
        <select
          aria-label="Host condition"
          value={targetKind}
          onChange={(e) => setTargetKind(e.target.value as ActionTargetKind | "")}
          className={FIELD}
        >
          <option value="">none</option>
          {ACTION_TARGET_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ACTION_TARGET_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      {targetKind ? (
        <Input label="Condition value" value={targetValue} onChange={setTargetValue} width="w-40" />
      ) : null}
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800"
      >
        Add
      </button>
    </form>
  );
}

function Input(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  width: string;
}) {
  return (
    <label>
      <span className="block text-xs text-zinc-500">{props.label}</span>
      <input
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${FIELD} ${props.width}`}
      />
    </label>
  );
}

const FIELD = "rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950";
