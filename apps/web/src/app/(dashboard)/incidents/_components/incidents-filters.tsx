"use client";

import { INCIDENT_STATUSES, SEVERITY_LEVELS } from "@holmes/core";
import { useEffect, useState } from "react";
import { STATUS_LABELS } from "../../_components/incidents/incident-status-badge";
import type { IncidentsUrlFilter } from "./incidents-filter";

const INPUT =
  "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const LABEL = "flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400";
const TOGGLE =
  "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900";

function toggle<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Status and severity toggles (none pressed = all), plus debounced host and text boxes. */
export function IncidentsFilters(props: {
  filter: IncidentsUrlFilter;
  onChange: (next: IncidentsUrlFilter) => void;
}) {
  const { filter, onChange } = props;
  const [text, setText] = useState(filter.text);
  const [host, setHost] = useState(filter.hostName);
  useEffect(() => setText(filter.text), [filter.text]);
  useEffect(() => setHost(filter.hostName), [filter.hostName]);
  useEffect(() => {
    if (text === filter.text && host === filter.hostName) return;
    const timer = setTimeout(() => onChange({ ...filter, text, hostName: host.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text, host, filter, onChange]);
  return (
    <search className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className={LABEL}>
          Search
          <input
            type="search"
            value={text}
            placeholder="title or INC-42"
            onChange={(event) => setText(event.target.value)}
            className={`${INPUT} w-64`}
          />
        </label>
        <label className={LABEL}>
          Host
          <input
            type="search"
            value={host}
            placeholder="exact host name"
            onChange={(event) => setHost(event.target.value)}
            className={`${INPUT} w-40`}
          />
        </label>
      </div>
      <div className="flex flex-wrap gap-3">
        <fieldset className="flex flex-wrap gap-1" aria-label="Status">
          {INCIDENT_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              aria-pressed={filter.statuses.includes(status)}
              onClick={() => onChange({ ...filter, statuses: toggle(filter.statuses, status) })}
              className={TOGGLE}
            >
              {STATUS_LABELS[status]}
            </button>
          ))}
        </fieldset>
        <fieldset className="flex gap-1" aria-label="Severity">
          {SEVERITY_LEVELS.map((level) => (
            <button
              key={level}
              type="button"
              aria-pressed={filter.severities.includes(level)}
              onClick={() => onChange({ ...filter, severities: toggle(filter.severities, level) })}
              className={TOGGLE}
            >
              SEV{level}
            </button>
          ))}
        </fieldset>
      </div>
    </search>
  );
}
