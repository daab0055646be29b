/** What the page shows while its first data loads: the panels' outlines, no numbers. */
export function HostPageSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading host…</span>
      {["h-28", "h-40", "h-64", "h-48"].map((height) => (
        <div
          key={height}
          className={`${height} animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900`}
        />
      ))}
    </div>
  );
}
