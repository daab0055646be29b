"use client";

import { FINDING_SEVERITIES, type FindingsUrlFilter } from "@holmes/core";
import { SeverityBadge } from "@holmes/ui";
import { useCallback } from "react";
import { useDraftText } from "~/lib/use-draft-text";

const INPUT =
  "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const LABEL = "flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400";
const STATES = [
  ["unresolved", "Needs eyes"],
  ["open", "Open"],
  ["acknowledged", "Acknowledged"],
  ["resolved", "Resolved"],
] as const;

export function FindingsFilters(props: {
  filter: FindingsUrlFilter;
  rules: ReadonlyArray<{ id: string; summary: string }>;
  onChange: (next: FindingsUrlFilter) => void;
}) {
  const { filter, onChange } = props;
  const commitText = useCallback(
    (text: string) => onChange({ ...filter, text }),
    [filter, onChange],
  );
  const [text, setText] = useDraftText(filter.text, commitText);
  return (
    <search className="flex flex-wrap items-end gap-3">
      <fieldset className="flex gap-1" aria-label="State">
        {STATES.map(([state, label]) => (
          <button
            key={state}
            type="button"
            aria-pressed={filter.state === state}
            onClick={() => onChange({ ...filter, state })}
            className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
          >
            {label}
          </button>
        ))}
      </fieldset>
      <fieldset className="flex gap-1" aria-label="Severity">
        {FINDING_SEVERITIES.map((severity) => {
          const isOn = filter.severities.includes(severity);
          return (
            <button
              key={severity}
              type="button"
              aria-pressed={isOn}
              onClick={() =>
                onChange({
                  ...filter,
                  severities: isOn
                    ? filter.severities.filter((s) => s !== severity)
                    : [...filter.severities, severity],
                })
              }
              className={`rounded-full p-0.5 ${isOn ? "ring-2 ring-zinc-900 dark:ring-zinc-100" : "opacity-70"}`}
            >
              <SeverityBadge health={severity} />
            </button>
          );
        })}
      </fieldset>
      <label className={LABEL}>
        Search
        <input
          type="search"
          value={text}
          placeholder="host, array, disk…"
          onChange={(event) => setText(event.target.value)}
          className={INPUT}
        />
      </label>
      <label className={LABEL}>
        Rule
        <select
          value={filter.ruleId ?? ""}
          onChange={(event) => onChange({ ...filter, ruleId: event.target.value || null })}
          className={`${INPUT} max-w-64`}
        >
          <option value="">Any rule</option>
          {props.rules.map((rule) => (
            <option key={rule.id} value={rule.id}>
              {rule.summary}
            </option>
          ))}
        </select>
      </label>
      <label className={LABEL}>
        Sort
        <select
          value={filter.sort}
          onChange={(event) =>
            onChange({ ...filter, sort: event.target.value as FindingsUrlFilter["sort"] })
          }
          className={INPUT}
        >
          <option value="severity">Worst first</option>
          <option value="lastSeen">Last seen</option>
          <option value="firstSeen">Newest</option>
          <option value="host">Host</option>
        </select>
      </label>
    </search>
  );
}
