"use client";

import { IncidentSeverityBadge } from "./incident-severity-badge";
import { useSeverities } from "./use-severities";

/**
 * SEV1–SEV4 as radio buttons, each with its definition written out: the person choosing sees
 * what the level means here, not just its number. Arrow keys move between levels.
 */
export function SeverityPicker(props: {
  name: string;
  value: number | null;
  onChange: (level: number) => void;
  suggested?: number;
  error?: string;
}) {
  const { severities } = useSeverities();
  return (
    <fieldset
      aria-describedby={props.error ? `${props.name}-error` : undefined}
      className="flex flex-col gap-2"
    >
      <legend className="mb-1 text-sm font-medium">Severity</legend>
      {severities.map((severity) => (
        <label
          key={severity.level}
          className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 p-3 has-checked:border-sky-600 has-checked:bg-sky-50 has-focus-visible:ring-2 has-focus-visible:ring-sky-500 dark:border-zinc-800 dark:has-checked:border-sky-400 dark:has-checked:bg-sky-950/40"
        >
          <input
            type="radio"
            name={props.name}
            value={severity.level}
            checked={props.value === severity.level}
            onChange={() => props.onChange(severity.level)}
            className="mt-1"
          />
          <span className="flex flex-col gap-1">
            <span className="flex items-center gap-2">
              <IncidentSeverityBadge level={severity.level} name={severity.name} />
              {props.suggested === severity.level ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  suggested by the finding
                </span>
              ) : null}
            </span>
            <span className="text-sm text-zinc-700 dark:text-zinc-300">{severity.description}</span>
          </span>
        </label>
      ))}
      {props.error ? (
        <p
          id={`${props.name}-error`}
          role="alert"
          className="text-sm text-red-700 dark:text-red-300"
        >
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
