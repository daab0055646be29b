"use client";

export const RANGES = ["24h", "7d", "30d"] as const;
export type Range = (typeof RANGES)[number];

const LABELS: Record<Range, string> = { "24h": "24 h", "7d": "7 d", "30d": "30 d" };

/** The chart range: a group of toggle buttons, each reachable and operable from the keyboard. */
export function RangeSwitch(props: {
  value: Range;
  onChange: (range: Range) => void;
  label: string;
}) {
  return (
    <fieldset className="inline-flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
      <legend className="sr-only">{props.label}</legend>
      {RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={props.value === range}
          onClick={() => props.onChange(range)}
          className="px-2 py-0.5 first:rounded-l-md last:rounded-r-md aria-pressed:bg-zinc-900 aria-pressed:font-semibold aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
        >
          {LABELS[range]}
        </button>
      ))}
    </fieldset>
  );
}
