"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { INPUT_CLASS } from "./field";

const MAX_OPTIONS = 8;

/**
 * A searchable multi-select of the inventory's hosts (a combobox: type to filter, ↑/↓ to move,
 * Enter to add, Backspace on an empty box removes the last one, Escape closes the list).
 */
export function HostPicker(props: {
  id: string;
  value: string[];
  onChange: (hostIds: string[]) => void;
  describedBy?: string;
}) {
  const trpc = useTRPC();
  const { data: hosts } = useSuspenseQuery(trpc.host.list.queryOptions());
  const [query, setQuery] = useState("");
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const nameOf = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const options = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return hosts
      .filter((h) => !props.value.includes(h.id))
      .filter((h) => !needle || `${h.name} ${h.groups.join(" ")}`.toLowerCase().includes(needle))
      .slice(0, MAX_OPTIONS);
  }, [hosts, query, props.value]);
  const listId = `${props.id}-options`;

  function add(hostId: string) {
    props.onChange([...props.value, hostId]);
    setQuery("");
    setActive(0);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === "Enter" && isOpen && options[active]) {
      event.preventDefault();
      add(options[active].id);
    } else if (event.key === "Escape") {
      setOpen(false);
    } else if (event.key === "Backspace" && !query && props.value.length) {
      props.onChange(props.value.slice(0, -1));
    }
  }

  return (
    <div className="relative">
      {props.value.length > 0 ? (
        <ul aria-label="Selected hosts" className="mb-2 flex flex-wrap gap-1">
          {props.value.map((hostId) => (
            <li
              key={hostId}
              className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2 text-xs dark:bg-zinc-800"
            >
              {nameOf.get(hostId) ?? hostId}
              <button
                type="button"
                aria-label={`Remove ${nameOf.get(hostId) ?? hostId}`}
                onClick={() => props.onChange(props.value.filter((id) => id !== hostId))}
                className="rounded-full px-1 hover:bg-zinc-200 dark:hover:bg-zinc-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={props.id}
        role="combobox"
        aria-expanded={isOpen && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && options[active] ? `${listId}-${active}` : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        value={query}
        placeholder={hosts.length ? "Type a host name or group…" : "No hosts in the inventory"}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={handleKeyDown}
        className={INPUT_CLASS}
      />
      {isOpen && options.length > 0 ? (
        <div
          id={listId}
          role="listbox"
          aria-label="Hosts"
          className="absolute z-30 mt-1 max-h-64 w-full overflow-auto rounded-lg border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {options.map((host, i) => (
            <div
              key={host.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              // mousedown, not click: it lands before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                add(host.id);
              }}
              className="flex cursor-pointer justify-between gap-2 px-3 py-1.5 aria-selected:bg-sky-100 dark:aria-selected:bg-sky-900"
            >
              <span>{host.name}</span>
              <span className="text-xs text-zinc-500">{host.groups.join(", ")}</span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
