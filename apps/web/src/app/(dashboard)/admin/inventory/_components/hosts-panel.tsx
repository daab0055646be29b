"use client";

import { Card, EmptyState } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { HostForm } from "./host-form";
import { ALERT, PRIMARY_BUTTON, SMALL_BUTTON, TABLE_HEAD, TABLE_ROW } from "./styles";
import { type InventoryHost, keyLabel } from "./types";

const BADGE = "ml-2 rounded px-1.5 py-0.5 text-xs font-normal";

/** Every host with how the collector reaches it; add, edit, disable. */
export function HostsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: hosts } = useSuspenseQuery(trpc.inventory.list.queryOptions());
  const { data: credentials } = useSuspenseQuery(trpc.inventory.credentials.list.queryOptions());
  // "new" while the add form is open, a host id while that host is edited.
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.inventory.list.pathFilter()),
      queryClient.invalidateQueries(trpc.inventory.credentials.list.pathFilter()),
      queryClient.invalidateQueries(trpc.host.list.pathFilter()),
    ]);
  const handleSaved = async () => {
    setEditing(null);
    await refresh();
  };
  const setEnabled = useMutation(trpc.inventory.setEnabled.mutationOptions({ onSuccess: refresh }));
  const form = (host?: InventoryHost) => (
    <HostForm
      host={host}
      credentials={credentials}
      onDone={handleSaved}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <Card
      title={`Hosts (${hosts.length})`}
      actions={
        editing !== "new" && (
          <button type="button" onClick={() => setEditing("new")} className={PRIMARY_BUTTON}>
            Add host
          </button>
        )
      }
    >
      {editing === "new" && <div className="mb-4">{form()}</div>}
      {setEnabled.error && (
        <p role="alert" className={`${ALERT} mb-3`}>
          {errorMessage(setEnabled.error)}
        </p>
      )}
      {hosts.length === 0 ? (
        <EmptyState title="No hosts in the inventory yet.">
          Add one by hand, or import your ~/.ssh/config or an Ansible inventory below.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-4">Host</th>
                <th className="pr-4">Address</th>
                <th className="pr-4">User</th>
                <th className="pr-4">Key</th>
                <th className="pr-4">Groups</th>
                <th className="text-right">Actions</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((host) =>
                editing === host.id ? (
                  <tr key={host.id} className={TABLE_ROW}>
                    <td colSpan={6}>
                      <p className="mb-2 font-medium">Edit {host.name}</p>
                      {form(host)}
                    </td>
                  </tr>
                ) : (
                  <HostRow
                    key={host.id}
                    host={host}
                    isBusy={setEnabled.isPending}
                    onEdit={() => setEditing(host.id)}
                    onToggle={() => setEnabled.mutate({ id: host.id, isEnabled: !host.isEnabled })}
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function HostRow(props: {
  host: InventoryHost;
  isBusy: boolean;
  onEdit: () => void;
  onToggle: () => void;
}) {
  const { host } = props;
  return (
    <tr className={`${TABLE_ROW} ${host.isEnabled ? "" : "text-zinc-400 dark:text-zinc-500"}`}>
      <td className="pr-4 font-medium whitespace-nowrap">
        {host.name}
        {host.isSimulated && (
          <span
            className={`${BADGE} bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200`}
          >
            simulated
          </span>
        )}
        {!host.isEnabled && (
          <span
            className={`${BADGE} bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200`}
          >
            disabled
          </span>
        )}
      </td>
      <td className="pr-4 font-mono text-xs whitespace-nowrap">
        {host.address}:{host.port}
      </td>
      <td className="pr-4">{host.user ?? <span className="text-zinc-500">default</span>}</td>
      <td className="pr-4 font-mono text-xs break-all">{keyLabel(host)}</td>
      <td className="pr-4 text-xs">{host.groups.join(", ") || "—"}</td>
      <td className="text-right whitespace-nowrap">
        <button
          type="button"
          onClick={props.onEdit}
          aria-label={`Edit ${host.name}`}
          className={SMALL_BUTTON}
        >
          Edit
        </button>{" "}
        <button
          type="button"
          onClick={props.onToggle}
          disabled={props.isBusy}
          aria-label={`${host.isEnabled ? "Disable" : "Enable"} ${host.name}`}
          className={SMALL_BUTTON}
        >
          {host.isEnabled ? "Disable" : "Enable"}
        </button>
      </td>
    </tr>
  );
}
