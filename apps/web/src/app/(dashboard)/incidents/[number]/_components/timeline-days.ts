/** Local calendar day of a date, e.g. "2026-06-03", for grouping. */
function dayKey(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

export type TimelineDay<T> = { key: string; label: string; entries: T[] };

/**
 * Entries newest first, cut into local days. An incident that spans several days gets a heading
 * per day; within one day, times alone are enough and `isMultiDay` is false.
 */
export function groupByDay<T extends { at: Date }>(
  oldestFirst: readonly T[],
): { days: TimelineDay<T>[]; isMultiDay: boolean } {
  const days: TimelineDay<T>[] = [];
  for (const entry of [...oldestFirst].reverse()) {
    const key = dayKey(entry.at);
    const last = days.at(-1);
    if (last?.key === key) last.entries.push(entry);
    else
      days.push({
        key,
        label: entry.at.toLocaleDateString("en-GB", {
          weekday: "long",
          day: "numeric",
          month: "long",
          year: "numeric",
        }),
        entries: [entry],
      });
  }
  return { days, isMultiDay: days.length > 1 };
}
