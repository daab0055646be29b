"use client";

import type { FleetUrlFilter } from "@holmes/core";
import { useCallback } from "react";
import { useDraftText } from "~/lib/use-draft-text";

type RuleOption = { id: string; summary: string };

const INPUT =
  "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Text, group and rule filters; typing waits for a pause before it touches the URL. */
export function FleetFilters(props: {
  filter: FleetUrlFilter;
  groups: string[];
  rules: readonly RuleOption[];
  onChange: (next: FleetUrlFilter) => void;
}) {
  const { filter, onChange } = props;
  const commitText = useCallback(
    (text: string) => onChange({ ...filter, text }),
    [filter, onChange],
  );
  const [text, setText] = useDraftText(filter.text, commitText);
  const isFiltered =
    filter.text || filter.groups.length || filter.ruleId || filter.healths.length > 0;
  return (
    <search className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Host name
        <input
          type="search"
          value={text}
          placeholder="stor-a0…"
          onChange={(event) => setText(event.target.value)}
          className={INPUT}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Group
        <select
          value={filter.groups[0] ?? ""}
          onChange={(event) =>
            onChange({ ...filter, groups: event.target.value ? [event.target.value] : [] })
          }
          className={INPUT}
        >
          <option value="">All groups</option>
          {props.groups.map((group) => (
            <option key={group} value={group}>
              {group}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Rule
        <select
          value={filter.ruleId ?? ""}
          onChange={(event) => onChange({ ...filter, ruleId: event.target.value || null })}
          className={`${INPUT} max-w-72`}
        >
          <option value="">Any finding</option>
          {props.rules.map((rule) => (
            <option key={rule.id} value={rule.id}>
              {rule.summary}
            </option>
          ))}
        </select>
      </label>
      {isFiltered ? (
        <button
          type="button"
          onClick={() => onChange({ healths: [], groups: [], ruleId: null, text: "" })}
          className="rounded-lg px-3 py-1.5 text-sm text-sky-700 underline dark:text-sky-300"
        >
          Clear filters
        </button>
      ) : null}
    </search>
  );
}
