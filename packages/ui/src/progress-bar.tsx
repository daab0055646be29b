/** A labelled progress bar: the number is always written out, the bar only illustrates it. */
export function ProgressBar(props: { label: string; percent: number; detail?: string }) {
  const percent = Math.max(0, Math.min(100, props.percent));
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{props.label}</span>
        <span className="tabular-nums">
          {percent.toFixed(1)}%{props.detail ? ` · ${props.detail}` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Number(percent.toFixed(1))}
        aria-valuetext={`${percent.toFixed(1)}%${props.detail ? `, ${props.detail}` : ""}`}
        className="mt-1 h-2.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className="h-full rounded-full bg-sky-600 dark:bg-sky-400"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
