/** "3 min ago" with the exact time on hover; `now` is passed in so a list renders consistently. */
export function formatAge(at: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 0) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function TimeAgo(props: { at: Date | null; now?: Date; never?: string }) {
  if (!props.at) return <span className="text-zinc-500">{props.never ?? "never"}</span>;
  return (
    <time dateTime={props.at.toISOString()} title={props.at.toLocaleString()}>
      {formatAge(props.at, props.now ?? new Date())}
    </time>
  );
}
