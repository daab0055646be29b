"use client";

import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from "@holmes/core";
import { useState } from "react";
import { ComponentStatusBadge } from "~/components/component-status-badge";
import { FIELD, SMALL_BUTTON, TABLE_ROW } from "../../inventory/_components/styles";
import { type AdminComponent, ComponentForm } from "./component-form";

export function ComponentRow(props: {
  component: AdminComponent;
  isEditing: boolean;
  isFirst: boolean;
  isLast: boolean;
  isBusy: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onEditDone: () => unknown;
  onEditCancel: () => void;
  onOverride: (status: ComponentStatus | null) => void;
  onDelete: () => void;
}) {
  const { component } = props;
  // Deleting asks twice, inline: no modal to lose, no accidental click.
  const [isConfirming, setConfirming] = useState(false);
  if (props.isEditing) {
    return (
      <tr className={TABLE_ROW}>
        <td colSpan={5}>
          <p className="mb-2 font-medium">Edit {component.name}</p>
          <ComponentForm
            component={component}
            onDone={props.onEditDone}
            onCancel={props.onEditCancel}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr className={TABLE_ROW}>
      <td className="pr-4 whitespace-nowrap">
        <button
          type="button"
          aria-label={`Move ${component.name} up`}
          disabled={props.isFirst || props.isBusy}
          onClick={() => props.onMove(-1)}
          className={SMALL_BUTTON}
        >
          ↑
        </button>{" "}
        <button
          type="button"
          aria-label={`Move ${component.name} down`}
          disabled={props.isLast || props.isBusy}
          onClick={() => props.onMove(1)}
          className={SMALL_BUTTON}
        >
          ↓
        </button>
      </td>
      <td className="pr-4">
        <p className="font-medium">{component.name}</p>
        {component.description && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{component.description}</p>
        )}
      </td>
      <td className="pr-4 text-xs">
        {component.hostGroups.join(", ") || "—"}
        <p
          className={
            component.hostCount === 0 ? "text-amber-700 dark:text-amber-400" : "text-zinc-500"
          }
        >
          {component.hostCount === 1 ? "1 host" : `${component.hostCount} hosts`}
        </p>
      </td>
      <td className="pr-4">
        <div className="flex flex-col items-start gap-1">
          <ComponentStatusBadge status={component.status} />
          <select
            aria-label={`Status of ${component.name}`}
            value={component.manualStatus ?? ""}
            disabled={props.isBusy}
            onChange={(e) => props.onOverride((e.target.value || null) as ComponentStatus | null)}
            className={`${FIELD} py-1 text-xs`}
          >
            <option value="">
              From incidents ({COMPONENT_STATUS_LABELS[component.derivedStatus]})
            </option>
            {COMPONENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                Manual: {COMPONENT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
      </td>
      <td className="text-right whitespace-nowrap">
        <button
          type="button"
          onClick={props.onEdit}
          aria-label={`Edit ${component.name}`}
          className={SMALL_BUTTON}
        >
          Edit
        </button>{" "}
        {isConfirming ? (
          <button
            type="button"
            onClick={props.onDelete}
            disabled={props.isBusy}
            className={`${SMALL_BUTTON} text-red-700 dark:text-red-400`}
          >
            Really delete {component.name}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${component.name}`}
            className={SMALL_BUTTON}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
