"use client";

import { Card, EmptyState } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, PRIMARY_BUTTON, TABLE_HEAD } from "../../inventory/_components/styles";
import { type AdminComponent, ComponentForm } from "./component-form";
import { ComponentRow } from "./component-row";

/** The public page's components: add, edit, order, override, delete. */
export function ComponentsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: components } = useSuspenseQuery(trpc.statusPage.components.list.queryOptions());
  // "new" while the add form is open, a component id while that one is edited.
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.statusPage.components.pathFilter());
  const handleSaved = async () => {
    setEditing(null);
    await refresh();
  };
  const options = { onSuccess: refresh };
  const reorder = useMutation(trpc.statusPage.components.reorder.mutationOptions(options));
  const override = useMutation(trpc.statusPage.components.setManualStatus.mutationOptions(options));
  const remove = useMutation(trpc.statusPage.components.delete.mutationOptions(options));
  const failure = reorder.error ?? override.error ?? remove.error;
  const isBusy = reorder.isPending || override.isPending || remove.isPending;

  function move(component: AdminComponent, by: -1 | 1) {
    const ids = components.map((c) => c.id);
    const from = ids.indexOf(component.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
    reorder.mutate({ ids });
  }

  return (
    <Card
      title={`Components (${components.length})`}
      actions={
        editing !== "new" && (
          <button type="button" onClick={() => setEditing("new")} className={PRIMARY_BUTTON}>
            Add component
          </button>
        )
      }
    >
      {editing === "new" && (
        <div className="mb-4">
          <ComponentForm onDone={handleSaved} onCancel={() => setEditing(null)} />
        </div>
      )}
      {failure && (
        <p role="alert" className={`${ALERT} mb-3`}>
          {errorMessage(failure)}
        </p>
      )}
      {components.length === 0 ? (
        <EmptyState title="The status page lists no components yet.">
          Add one and name the host groups it stands for; open public incidents on those hosts then
          set its status.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-4">Order</th>
                <th className="pr-4">Component</th>
                <th className="pr-4">Host groups</th>
                <th className="pr-4">Status</th>
                <th className="text-right">Actions</th>
              </tr>
            </thead>
            <tbody>
              {components.map((component, index) => (
                <ComponentRow
                  key={component.id}
                  component={component}
                  isEditing={editing === component.id}
                  isFirst={index === 0}
                  isLast={index === components.length - 1}
                  isBusy={isBusy}
                  onMove={(by) => move(component, by)}
                  onEdit={() => setEditing(component.id)}
                  onEditDone={handleSaved}
                  onEditCancel={() => setEditing(null)}
                  onOverride={(status) => override.mutate({ id: component.id, status })}
                  onDelete={() => remove.mutate({ id: component.id })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
