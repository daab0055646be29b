import type { FindingSeverity } from "./findings";

export const HOST_HEALTHS = ["critical", "warning", "stale", "healthy", "unknown"] as const;
export type HostHealth = (typeof HOST_HEALTHS)[number];

/**
 * One word for a host, worst first. Info findings do not colour a host (they are notes, not
 * problems). Data older than `staleAfterMs` is never called healthy: a host whose last report was
 * clean but old is "stale", and only a critical finding outranks that.
 */
export function hostHealth(input: {
  worstSeverity: FindingSeverity | null;
  lastSuccessAt: Date | null;
  now: Date;
  staleAfterMs: number;
}): HostHealth {
  if (input.worstSeverity === "critical") return "critical";
  if (!input.lastSuccessAt) return input.worstSeverity === "warning" ? "warning" : "unknown";
  const isStale = input.now.getTime() - input.lastSuccessAt.getTime() > input.staleAfterMs;
  if (isStale) return "stale";
  return input.worstSeverity === "warning" ? "warning" : "healthy";
}
